// Run tokens (phantom.requests' credentials): signed, short-lived, refused when altered.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { mintRunToken, verifyRunToken } from "./run-token";

beforeAll(() => {
  process.env.VIGIL_SECRET_KEY = `1:${randomBytes(32).toString("base64url")}`;
});

describe("run tokens", () => {
  it("stand for the automation account when the run has no user", async () => {
    const token = mintRunToken({ userId: null, username: "automation", runId: 7 });
    expect(await verifyRunToken(token)).toEqual({ ok: true, identity: { userId: null, username: "automation", role: "automation", runId: 7 } });
  });

  it("are refused when altered, signed with another key, or expired", async () => {
    const token = mintRunToken({ userId: null, username: "automation", runId: 7 });
    const [payload, mac] = token.slice(4).split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), n: "admin" })).toString("base64url");
    expect(await verifyRunToken(`vgr_${forged}.${mac}`)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyRunToken("vgr_garbage")).toEqual({ ok: false, reason: "invalid" });
    const old = mintRunToken({ userId: null, username: "automation", runId: 7 }, Date.now() - 10 * 60_000);
    expect(await verifyRunToken(old)).toEqual({ ok: false, reason: "expired" });
    process.env.VIGIL_SECRET_KEY = `1:${randomBytes(32).toString("base64url")}`;
    expect(await verifyRunToken(token)).toEqual({ ok: false, reason: "invalid" });
  });
});
