import { randomUUID } from "node:crypto";
import { inject, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { runVigil } from "../testing/cli";

const url = inject("vigilUrl");
const env = { DATABASE_URL: inject("databaseUrl") };
const unique = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

describe("vigil user create / token create", () => {
  it("creates a user with a generated password, shown once", async () => {
    const name = unique("cli-analyst");
    const result = await runVigil(["user", "create", "--name", name, "--role", "analyst"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`created analyst "${name}"`);
    expect(result.stdout).toMatch(/password \(shown once\): \S{16,}/);
    const user = await db.user.findUnique({ where: { username: name } });
    expect(user?.role).toBe("analyst");
  });

  it("prints a token that authenticates ph-auth-token requests until it is revoked", async () => {
    const name = unique("cli-bot");
    expect((await runVigil(["user", "create", "--name", name, "--role", "automation"], env)).code).toBe(0);
    const created = await runVigil(["token", "create", "--user", name], env);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^vgl_[A-Za-z0-9_-]{40,}$/);

    const ok = await fetch(`${url}/rest/version`, { headers: { "ph-auth-token": token } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ version: expect.any(String) });

    const stored = await db.apiToken.findFirstOrThrow({ where: { user: { username: name } } });
    expect(stored.tokenHash).not.toContain(token);
    await db.apiToken.update({ where: { id: stored.id }, data: { revokedAt: new Date() } });

    const refused = await fetch(`${url}/rest/version`, { headers: { "ph-auth-token": token } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ failed: true, message: "invalid or revoked API token" });
  });

  it("creates a token that expires after --expires-days, and refuses a nonsense expiry", async () => {
    const name = unique("cli-expiring");
    expect((await runVigil(["user", "create", "--name", name, "--role", "automation"], env)).code).toBe(0);
    const created = await runVigil(["token", "create", "--user", name, "--label", "30 days", "--expires-days", "30"], env);
    expect(created.code, created.stderr).toBe(0);
    const stored = await db.apiToken.findFirstOrThrow({ where: { user: { username: name } } });
    expect(stored.name).toBe("30 days");
    const days = (stored.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    for (const bad of ["0", "-3", "1.5", "soon"]) {
      const refused = await runVigil(["token", "create", "--user", name, `--expires-days=${bad}`], env);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toContain("--expires-days: expiry must be a whole number of days from 1 to 3650");
    }
  });

  it("refuses requests without or with a made-up token", async () => {
    expect((await fetch(`${url}/rest/version`)).status).toBe(401);
    expect((await fetch(`${url}/rest/version`, { headers: { "ph-auth-token": "vgl_nope" } })).status).toBe(401);
  });

  it("rejects bad arguments with a message and a non-zero exit", async () => {
    const badRole = await runVigil(["user", "create", "--name", unique("x"), "--role", "wizard"], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("--role must be one of administrator");
    const missing = await runVigil(["user", "create", "--role", "analyst"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--name is required");
    const unknownFlag = await runVigil(["token", "create", "--user", "admin", "--colour", "red"], env);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/unknown option '--colour'/i);
    const unknownUser = await runVigil(["token", "create", "--user", unique("ghost")], env);
    expect(unknownUser.code).toBe(2);
    expect(unknownUser.stderr).toContain("no user named");
    const unknownCommand = await runVigil(["frobnicate"], env);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain("unknown command");
  });

  it("migrates the database and refuses stray arguments", async () => {
    const result = await runVigil(["migrate"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("migrations applied");
    const applied = await db.$queryRaw<{ n: bigint }[]>`select count(*) as n from _prisma_migrations where finished_at is not null`;
    expect(Number(applied[0]!.n)).toBeGreaterThanOrEqual(2);
    const stray = await runVigil(["migrate", "--force"], env);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("migrate takes no arguments");
  });

  it("refuses a duplicate username", async () => {
    const name = unique("dup");
    expect((await runVigil(["user", "create", "--name", name, "--role", "observer"], env)).code).toBe(0);
    const again = await runVigil(["user", "create", "--name", name, "--role", "observer"], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  });
});
