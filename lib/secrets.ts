// Keys that live in the data directory (keys/), created on first start with owner-only access,
// and the one place Vigil encrypts and decrypts asset credentials.
//
// Asset secrets (configuration fields of data_type "password") are sealed with AES-256-GCM.
// The ciphertext names the key version that sealed it, so `vigil secrets rotate` can add a new
// version and re-encrypt while values sealed under older versions stay readable. The asset id
// and field name are bound in as additional data: a ciphertext copied into another asset or
// field does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function dataDirSecret(dataDir: string, name: string, bytes = 32): Promise<string> {
  const file = path.join(dataDir, "keys", name);
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString("base64url");
  await writeFile(file, value + "\n", { mode: 0o600, flag: "wx" });
  return value;
}

/** Key versions, oldest first; the last one seals new values. */
export interface Keyring {
  versions: Map<number, Buffer>;
  current: number;
  /** Where the keys came from: the file path, or "VIGIL_SECRET_KEY". */
  source: string;
}

const PREFIX = "enc:v";
export const SECRET_KEY_FILE = "secret-key";

function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.VIGIL_DATA_DIR || ".vigil");
}

/** `1:<base64url>` per line or comma; a bare key is version 1. */
export function parseKeyring(text: string, source: string): Keyring {
  const versions = new Map<number, Buffer>();
  const entries = text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const m = /^(?:(\d{1,6}):)?([A-Za-z0-9_\-+/=]+)$/.exec(entry);
    const key = m ? Buffer.from(m[2]!, "base64url") : Buffer.alloc(0);
    if (!m || key.length !== 32) throw new Error(`${source}: each key must be [<version>:]<32 bytes in base64>`);
    versions.set(m[1] ? Number(m[1]) : 1, key);
  }
  if (!versions.size) throw new Error(`${source}: no key`);
  return { versions, current: Math.max(...versions.keys()), source };
}

function formatKeyring(ring: Keyring): string {
  return [...ring.versions].sort((a, b) => a[0] - b[0]).map(([v, k]) => `${v}:${k.toString("base64url")}`).join("\n") + "\n";
}

const cache = globalThis as unknown as { vigilKeyring?: { at: string; ring: Keyring } };

/**
 * The keyring: VIGIL_SECRET_KEY when set (every node of a cluster sets the same), else
 * `<data dir>/keys/secret-key`, created (0600) on first use.
 */
export function loadKeyring(opts: { fresh?: boolean } = {}): Keyring {
  const env = process.env.VIGIL_SECRET_KEY;
  const file = path.join(dataDir(), "keys", SECRET_KEY_FILE);
  const at = env ? `env:${env}` : file;
  if (!opts.fresh && cache.vigilKeyring?.at === at) return cache.vigilKeyring.ring;
  let ring: Keyring;
  if (env) ring = parseKeyring(env, "VIGIL_SECRET_KEY");
  else {
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        writeFileSync(file, `1:${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
      } catch (err) {
        // Another process created it first: use theirs.
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
    }
    ring = parseKeyring(readFileSync(file, "utf8"), file);
  }
  cache.vigilKeyring = { at, ring };
  return ring;
}

/** Adds a new key version to the key file and returns the new keyring. */
export function addKeyVersion(): Keyring {
  if (process.env.VIGIL_SECRET_KEY) {
    throw new Error("keys come from VIGIL_SECRET_KEY: add a new version to it (\"1:<old>,2:<new>\") on every node, then run `vigil secrets rotate`");
  }
  const ring = loadKeyring({ fresh: true });
  const next = ring.current + 1;
  ring.versions.set(next, randomBytes(32));
  const file = path.join(dataDir(), "keys", SECRET_KEY_FILE);
  writeFileSync(file, formatKeyring(ring), { mode: 0o600 });
  return loadKeyring({ fresh: true });
}

function aad(assetId: number, field: string): Buffer {
  return Buffer.from(`asset:${assetId}:${field}`);
}

export function isSealed(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(PREFIX);
}

export function sealedVersion(value: string): number {
  return Number(value.slice(PREFIX.length, value.indexOf(":", PREFIX.length)));
}

export function encryptSecret(plain: string, assetId: number, field: string, ring = loadKeyring()): string {
  return sealBound(plain, aad(assetId, field), ring);
}

export function decryptSecret(sealed: string, assetId: number, field: string, ring = loadKeyring()): string {
  return openBound(sealed, aad(assetId, field), `secret "${field}" of asset ${assetId}`, ring);
}

/**
 * Seals a value bound to `binding` (e.g. "webhook:7:secret"): the same AES-256-GCM and key
 * versions as asset secrets, for secrets that belong to something other than an asset.
 */
export function sealBound(plain: string, binding: Buffer | string, ring = loadKeyring()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.versions.get(ring.current)!, iv);
  cipher.setAAD(Buffer.from(binding));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${ring.current}:${iv.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}.${ct.toString("base64url")}`;
}

/** Opens a value sealed by sealBound; `what` names it in the error ("secret of webhook 7"). */
export function openBound(sealed: string, binding: Buffer | string, what: string, ring = loadKeyring()): string {
  const version = sealedVersion(sealed);
  const key = ring.versions.get(version);
  if (!key) throw new Error(`${what} is sealed with key version ${version}, which ${ring.source} does not hold`);
  const [iv, tag, ct] = sealed.slice(sealed.indexOf(":", PREFIX.length) + 1).split(".");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv ?? "", "base64url"));
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(Buffer.from(tag ?? "", "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ct ?? "", "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(`${what} does not decrypt (wrong key, or copied from another asset or field)`);
  }
}
