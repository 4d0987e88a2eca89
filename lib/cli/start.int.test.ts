// `vigil start` with its own embedded PostgreSQL: Ctrl-C stops the database, and the next
// start finds the data where it was left.
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { processAlive as alive } from "../db/pg-process";
import { runVigil } from "../testing/cli";
import { signInCookie } from "../testing/session";
import { firstAdminPassword, startVigil } from "../testing/vigil-process";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** This machine's first non-loopback IPv4 address, to see whether a server listens beyond loopback. */
function externalAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return null;
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

async function expectListening(url: string, beyondLoopback: boolean): Promise<void> {
  const external = externalAddress();
  // A machine with loopback only cannot tell the difference; the printed address still can.
  if (external) expect(await reachable(external, Number(new URL(url).port))).toBe(beyondLoopback);
}

// Each test starts whole Vigil processes with their own PostgreSQL (initdb, migrations), twice
// in the first: allow for a busy machine.
const STARTS = 180_000;

describe("vigil start with the embedded PostgreSQL", () => {
  it("stops PostgreSQL on Ctrl-C and keeps the data for the next start", async () => {
    const first = await startVigil();
    dirs.push(first.dataDir);
    expect(firstAdminPassword(first.output())).toMatch(/^\S{16,}$/);
    const env = { VIGIL_DATA_DIR: first.dataDir, DATABASE_URL: "" };
    const created = await runVigil(["user", "create", "--name", "keeper", "--role", "observer", "--password", "keeper-pass"], env);
    expect(created.code, created.stderr).toBe(0);

    const pidFile = path.join(first.dataDir, "pg", "postmaster.pid");
    const postgresPid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    expect(alive(postgresPid)).toBe(true);

    // A wrong password on the sign-in page is one JSON line at warn level, without the password
    // or a stack trace.
    await expect(signInCookie(first.url, "keeper", "not-the-password-7341")).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    const refused = first.logs().split("\n").filter((l) => l.includes("sign-in refused"));
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!)).toMatchObject({ level: 40, code: "invalid" });
    expect(first.logs()).not.toContain("not-the-password-7341");
    expect(first.logs()).not.toMatch(/CredentialsSignin|^\s+at /m);

    expect(await first.stop()).toBe(0);
    expect(alive(postgresPid)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
    // An orderly shutdown logs no database errors.
    expect(first.logs()).not.toMatch(/terminating connection|DatabaseError/);

    const second = await startVigil({ dataDir: first.dataDir });
    try {
      expect(second.output()).not.toContain("First administrator created");
      const health = await (await fetch(`${second.url}/api/health`)).json();
      expect(health.database.up).toBe(true);
      const token = await runVigil(["token", "create", "--user", "keeper"], env);
      expect(token.code, token.stderr).toBe(0);
      const res = await fetch(`${second.url}/rest/version`, { headers: { "ph-auth-token": token.stdout.trim() } });
      expect(res.status).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, STARTS);

  it("prints the demo accounts in demo mode and they exist", async () => {
    const demo = await startVigil({ demo: true, env: { HOST: "" } });
    dirs.push(demo.dataDir);
    try {
      expect(demo.output()).toContain("Demo accounts");
      // The published passwords are reachable from this machine only.
      expect(demo.output()).toMatch(/Vigil is running on http:\/\/127\.0\.0\.1:\d+/);
      await expectListening(demo.url, false);
      expect(demo.output()).toMatch(/analyst\s+vigil-analyst\s+analyst/);
      expect(demo.output()).not.toContain("First administrator created");
      const token = await runVigil(["token", "create", "--user", "analyst"], { VIGIL_DATA_DIR: demo.dataDir, DATABASE_URL: "" });
      expect(token.code, token.stderr).toBe(0);
      // Sample events to work on, one of them a case holding two others.
      const headers = { "ph-auth-token": token.stdout.trim() };
      const events = await (await fetch(`${demo.url}/rest/container?page_size=0`, { headers })).json();
      expect(events.count).toBeGreaterThanOrEqual(20);
      const cases = events.data.filter((c: { container_type: string }) => c.container_type === "case");
      expect(cases).toHaveLength(1);
      expect(events.data.filter((c: { parent_container: number | null }) => c.parent_container === cases[0].id)).toHaveLength(2);
    } finally {
      await demo.stop();
    }
  }, STARTS);

  it("never adds the demo accounts to an instance that already has users; HOST chooses the bind", async () => {
    const first = await startVigil({ env: { HOST: "" } });
    dirs.push(first.dataDir);
    const adminPassword = firstAdminPassword(first.output());
    // A normal start listens on every interface, as before.
    await expectListening(first.url, true);
    expect(await first.stop()).toBe(0);

    const demo = await startVigil({ dataDir: first.dataDir, demo: true, env: { HOST: "" } });
    try {
      expect(demo.output()).not.toContain("Demo accounts");
      expect(demo.output().match(/already has users/g)).toHaveLength(1);
      await expectListening(demo.url, false);
      const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });
      expect((await fetch(`${demo.url}/rest/version`, { headers: basic("admin", "vigil-admin") })).status).toBe(401);
      expect((await fetch(`${demo.url}/rest/version`, { headers: basic("admin", adminPassword) })).status).toBe(200);
      const analyst = await runVigil(["token", "create", "--user", "analyst"], { VIGIL_DATA_DIR: first.dataDir, DATABASE_URL: "" });
      expect(analyst.stderr).toContain('no user named "analyst"');
    } finally {
      expect(await demo.stop()).toBe(0);
    }

    const everywhere = await startVigil({ dataDir: first.dataDir, demo: true, env: { HOST: "0.0.0.0" } });
    try {
      await expectListening(everywhere.url, true);
    } finally {
      await everywhere.stop();
    }
  }, STARTS * 2);
});
