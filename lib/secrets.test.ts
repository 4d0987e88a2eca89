import { statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addKeyVersion, decryptSecret, encryptSecret, loadKeyring, sealedVersion } from "./secrets";

describe("asset secrets", () => {
  const saved = { dir: process.env.VIGIL_DATA_DIR, key: process.env.VIGIL_SECRET_KEY };
  beforeEach(async () => {
    process.env.VIGIL_DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "vigil-keys-"));
    delete process.env.VIGIL_SECRET_KEY;
  });
  afterEach(() => {
    process.env.VIGIL_DATA_DIR = saved.dir;
    if (saved.key === undefined) delete process.env.VIGIL_SECRET_KEY;
    else process.env.VIGIL_SECRET_KEY = saved.key;
  });

  it("creates an owner-only key file and seals with AES-GCM under its version, bound to asset and field", () => {
    const sealed = encryptSecret("hunter2", 7, "password");
    const file = path.join(process.env.VIGIL_DATA_DIR!, "keys", "secret-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain("hunter2");
    expect(decryptSecret(sealed, 7, "password")).toBe("hunter2");
    expect(() => decryptSecret(sealed, 8, "password")).toThrow(/does not decrypt/);
    expect(() => decryptSecret(sealed, 7, "auth_token")).toThrow(/does not decrypt/);
  });

  it("rotation adds a version; values sealed under the old one still open", () => {
    const old = encryptSecret("s3cret", 1, "auth_token");
    const ring = addKeyVersion();
    expect(ring.current).toBe(2);
    const fresh = encryptSecret("s3cret", 1, "auth_token", ring);
    expect(sealedVersion(fresh)).toBe(2);
    expect(decryptSecret(old, 1, "auth_token", ring)).toBe("s3cret");
    expect(decryptSecret(fresh, 1, "auth_token", ring)).toBe("s3cret");
  });

  it("reads keys from VIGIL_SECRET_KEY and refuses a malformed one", () => {
    process.env.VIGIL_SECRET_KEY = `1:${randomBytes(32).toString("base64url")},3:${randomBytes(32).toString("base64url")}`;
    expect(loadKeyring().current).toBe(3);
    expect(sealedVersion(encryptSecret("x", 1, "f"))).toBe(3);
    expect(() => addKeyVersion()).toThrow(/VIGIL_SECRET_KEY/);
    process.env.VIGIL_SECRET_KEY = "short";
    expect(() => loadKeyring()).toThrow(/32 bytes/);
  });
});
