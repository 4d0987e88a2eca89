// `vigil secrets rotate` and `vigil worker` arguments. Rotation runs against a database of its
// own (on the test server), so re-sealing every asset there cannot disturb the other tests.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateDatabase } from "../db/migrate";
import { decryptSecret, encryptSecret, openBound, parseKeyring, sealBound } from "../secrets";
import { runVigil } from "../testing/cli";

// Creating a database needs more than the runtime role the tests run as.
const server = new URL(inject("superuserUrl"));
const name = `vigil_rotate_${process.pid}_${Date.now()}`;
const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
let client: pg.Client;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: server.toString() });
  await c.connect();
  await c.query(sql);
  await c.end();
}

beforeAll(async () => {
  await admin(`create database ${name}`);
  await migrateDatabase(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const manifest = await readFile(path.resolve(import.meta.dirname, "..", "apps", "builtin", "http", "manifest.json"), "utf8");
  await client.query(`insert into apps (id, directory, appid, name, manifest) values (1, 'http', 'x', 'HTTP', $1::jsonb)`, [manifest]);
}, 60_000);

afterAll(async () => {
  await client?.end();
  await admin(`drop database if exists ${name} with (force)`);
});

async function assetWith(secret: string, ring: ReturnType<typeof parseKeyring>): Promise<number> {
  const { rows } = await client.query("select nextval(pg_get_serial_sequence('assets', 'id'))::int as id");
  const id: number = rows[0].id;
  await client.query("insert into assets (id, name, app_id, configuration) values ($1, $2, 1, $3::jsonb)",
    [id, `a${id}`, JSON.stringify({ base_url: "http://x", auth_token: encryptSecret(secret, id, "auth_token", ring) })]);
  return id;
}

const sealed = async (id: number) => (await client.query("select configuration from assets where id = $1", [id])).rows[0].configuration.auth_token as string;

describe("vigil secrets rotate", () => {
  it("adds a key version to the key file and re-seals every secret under it; old values stay readable", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-rotate-"));
    const keyFile = path.join(dataDir, "keys", "secret-key");
    await mkdir(path.dirname(keyFile), { recursive: true });
    await writeFile(keyFile, `1:${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
    const id = await assetWith("the-token", parseKeyring(await readFile(keyFile, "utf8"), keyFile));
    expect(await sealed(id)).toMatch(/^enc:v1:/);

    const result = await runVigil(["secrets", "rotate"], { DATABASE_URL: url, VIGIL_DATA_DIR: dataDir, VIGIL_SECRET_KEY: "" });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("secrets sealed under key version 2: 1 value re-encrypted\n");
    const ring = parseKeyring(await readFile(keyFile, "utf8"), keyFile);
    expect([...ring.versions.keys()]).toEqual([1, 2]);
    expect(await sealed(id)).toMatch(/^enc:v2:/);
    expect(decryptSecret(await sealed(id), id, "auth_token", ring)).toBe("the-token");
    const audit = await client.query("select detail from audit_log where action = 'asset.secrets_rotate' and object_id = $1", [String(id)]);
    expect(audit.rows.map((r) => r.detail)).toEqual([{ fields: ["auth_token"], key_version: 2 }]);
  });

  it("with VIGIL_SECRET_KEY, re-seals under the newest version the operator added", async () => {
    const v1 = `1:${randomBytes(32).toString("base64url")}`;
    const both = `${v1},2:${randomBytes(32).toString("base64url")}`;
    const id = await assetWith("env-token", parseKeyring(v1, "test"));
    await client.query("delete from assets where id <> $1", [id]);
    const result = await runVigil(["secrets", "rotate"], { DATABASE_URL: url, VIGIL_SECRET_KEY: both });
    expect(result.code, result.stderr).toBe(0);
    expect(decryptSecret(await sealed(id), id, "auth_token", parseKeyring(both, "test"))).toBe("env-token");
    expect(await sealed(id)).toMatch(/^enc:v2:/);
  });
});

describe("vigil worker", () => {
  it("refuses a bad --concurrency with the usage", async () => {
    const result = await runVigil(["worker", "--concurrency", "0"], { DATABASE_URL: url });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--concurrency must be a whole number from 1 to 10000");
  });

  it("re-seals each webhook's URL token and signing secret too", async () => {
    const v1 = `1:${randomBytes(32).toString("base64url")}`;
    const both = `${v1},2:${randomBytes(32).toString("base64url")}`;
    const ring1 = parseKeyring(v1, "test");
    await client.query("delete from assets");
    const { rows } = await client.query("select nextval(pg_get_serial_sequence('webhooks', 'id'))::int as id");
    const id: number = rows[0].id;
    await client.query("insert into webhooks (id, name, token_hash, token_sealed, secret_sealed, signature_header, update_time) values ($1, 'w', 'h', $2, $3, 'X-Sig', now())",
      [id, sealBound("the-url-token", `webhook:${id}:token`, ring1), sealBound("the-signing-secret", `webhook:${id}:secret`, ring1)]);
    const result = await runVigil(["secrets", "rotate"], { DATABASE_URL: url, VIGIL_SECRET_KEY: both });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("secrets sealed under key version 2: 2 values re-encrypted\n");
    const row = (await client.query("select token_sealed, secret_sealed from webhooks where id = $1", [id])).rows[0];
    const ring = parseKeyring(both, "test");
    expect(row.token_sealed).toMatch(/^enc:v2:/);
    expect(openBound(row.token_sealed, `webhook:${id}:token`, "token", ring)).toBe("the-url-token");
    expect(openBound(row.secret_sealed, `webhook:${id}:secret`, "secret", ring)).toBe("the-signing-secret");
    const audit = await client.query("select detail from audit_log where action = 'webhook.secrets_rotate' and object_id = $1", [String(id)]);
    expect(audit.rows.map((r) => r.detail)).toEqual([{ fields: ["tokenSealed", "secretSealed"], key_version: 2 }]);
  });
});
