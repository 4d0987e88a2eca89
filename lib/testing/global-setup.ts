// Vitest global setup for integration tests: a real PostgreSQL (embedded in a temporary
// directory, or a fresh database on DATABASE_URL's server) with migrations applied, and a real
// `vigil start` against it for tests that speak HTTP. With the embedded server the tests and
// that `vigil start` run as the runtime role (vigil_app), migrations as the owner, as in
// production; the superuser's URL is provided only for tests that play an attacker.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { grantRuntimeRights, roleOf } from "../db/roles";
import { freePort } from "./ports";
import { startVigil } from "./vigil-process";

declare module "vitest" {
  export interface ProvidedContext {
    /** The runtime role's URL: what the app and the tests use. */
    databaseUrl: string;
    /** A superuser's URL, for tests that tamper with what the runtime role cannot. */
    superuserUrl: string;
    /** The data directory of the `vigil start` below (its audit key is in keys/). */
    vigilDataDir: string;
    vigilUrl: string;
    secretKey: string;
  }
}

async function freshDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `vigil_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export default async function setup(project: TestProject) {
  const cleanups: (() => Promise<void>)[] = [];
  let url: string;
  let ownerUrl: string;
  let superuserUrl: string;
  if (process.env.DATABASE_URL) {
    const db = await freshDatabase(process.env.DATABASE_URL);
    url = ownerUrl = superuserUrl = db.url;
    cleanups.push(db.drop);
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-int-"));
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    ({ url, ownerUrl, superuserUrl } = embedded);
    cleanups.push(async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
  }
  await migrateDatabase(ownerUrl);
  if (roleOf(ownerUrl) !== roleOf(url)) await grantRuntimeRights(ownerUrl, roleOf(url));
  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
  project.provide("superuserUrl", superuserUrl);

  if (!existsSync(path.join(process.cwd(), process.env.VIGIL_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("integration tests need a production build: run `npm run build` first (npm test does)");
  }
  // One asset-secret key for every Vigil process a test starts on this database (as a cluster
  // shares VIGIL_SECRET_KEY), so a worker started by a test can open the server's secrets.
  process.env.VIGIL_SECRET_KEY ??= `1:${randomBytes(32).toString("base64url")}`;
  project.provide("secretKey", process.env.VIGIL_SECRET_KEY);
  // The server gets the external split mode: it migrates as the owner and serves as the runtime role.
  const vigil = await startVigil({ databaseUrl: url, migrateDatabaseUrl: ownerUrl });
  project.provide("vigilUrl", vigil.url);
  project.provide("vigilDataDir", vigil.dataDir);
  cleanups.push(async () => {
    await vigil.stop();
    await rm(vigil.dataDir, { recursive: true, force: true });
  });

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
