// Password hashing with scrypt (a memory-hard KDF from Node's own crypto: no native addon).
// Stored as scrypt$N$r$p$salt$hash: every hash records its own cost, so raising the cost for
// new hashes keeps old ones verifiable, and a sign-in can upgrade an old hash (needsRehash).
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// N=2^17, r=8 (OWASP's scrypt minimum): 128 MiB and about 0.3 s per hash on this machine.
// Node runs at most UV_THREADPOOL_SIZE (4) hashes at once, so the peak is about 512 MiB.
export const SCRYPT_COST = { N: 1 << 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
// Stored parameters are read back from the database: refuse absurd ones rather than let a
// tampered row allocate gigabytes. 2^20 covers any cost Vigil is likely to choose later.
const MAX_N = 1 << 20;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default maxmem (32 MiB) is below that for N=2^17.
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string, cost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost.N, cost.r, cost.p);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface Parsed {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string | null | undefined): Parsed | null {
  const parts = (stored ?? "").split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const powerOfTwo = Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
  if (!powerOfTwo || n > MAX_N || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  return { n, r, p, salt: Buffer.from(parts[4]!, "base64url"), hash: Buffer.from(parts[5]!, "base64url") };
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) {
    // Hash anyway for unknown users, so timing does not reveal which usernames exist.
    await derive(password, randomBytes(16), SCRYPT_COST.N, SCRYPT_COST.r, SCRYPT_COST.p);
    return false;
  }
  const actual = await derive(password, parsed.salt, parsed.n, parsed.r, parsed.p);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** True when a stored hash was made with a lower cost than new hashes get. */
export function needsRehash(stored: string | null | undefined): boolean {
  const parsed = parse(stored);
  return !!parsed && (parsed.n < SCRYPT_COST.N || parsed.r < SCRYPT_COST.r || parsed.p < SCRYPT_COST.p);
}

/** A readable random password for generated accounts (about 120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
