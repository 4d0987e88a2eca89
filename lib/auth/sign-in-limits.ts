// Failed-sign-in limits shared by the sign-in page and REST HTTP Basic. Each attempt reserves
// its place with one atomic upsert BEFORE the slow password hash, so a parallel burst cannot
// slip past a count that is only recorded afterwards. One row per key (account or address)
// holds the attempts in a sliding window and the time until which the key is refused; the
// rows live in PostgreSQL so every node of a cluster sees the same counts, and expire.
//
// An account is never locked out: after `perAccount` failures it backs off (1 s, 2 s, 4 s ...
// up to `backoffCapMs`), and the right password after the back-off signs in and clears it.
// An address gets `perAddress` attempts per window as abuse protection.
import { sql } from "../db/sql";

export interface LimitPolicy {
  /** Attempts are forgotten this long after a key's last attempt. */
  windowMs: number;
  /** Failures an account may have before each further attempt must wait. */
  perAccount: number;
  /** The first wait; it doubles with every further failure. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Attempts an address may make per window (successes are given back). */
  perAddress: number;
}

export const LIMITS: LimitPolicy = {
  windowMs: 15 * 60_000,
  perAccount: 5,
  backoffBaseMs: 1000,
  backoffCapMs: 5 * 60_000,
  perAddress: 20,
};

export type LimitedResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

interface KeyRule {
  key: string;
  free: number;
  baseMs: number;
  capMs: number;
  /** Whether each attempt restarts the window (accounts) or it runs from the first (addresses). */
  sliding: boolean;
}

// The attempt count this reservation makes: a row whose window has passed starts again at 1.
const NEXT = "(case when l.window_ends_at <= now() then 1 else l.attempts + 1 end)";
// Once `free` attempts are used up, each one blocks the key for base * 2^(n - free), capped;
// the exponent is clamped so a long-running attack cannot overflow the arithmetic.
// `p` names the statement's parameters holding the free attempts, the first wait and the cap (ms).
type WaitParams = { free: string; base: string; cap: string };
const waitFor = (n: string, p: WaitParams) =>
  `least(${p.base}::float8 * power(2, least(${n} - ${p.free}::int, 40)), ${p.cap}::float8) * interval '1 millisecond'`;
const R: WaitParams = { free: "$3", base: "$4", cap: "$5" };
const blockAfter = (n: string) => `case when ${n} >= $3::int then now() + ${waitFor(n, R)} end`;

// One statement: insert the key's row or count one more attempt on it, unless it is blocked
// right now (then no row comes back). Row locking serialises concurrent attempts on a key.
const RESERVE = `
  insert into sign_in_limits as l (key, attempts, window_ends_at, blocked_until)
  values ($1, 1, now() + $2::int * interval '1 millisecond', ${blockAfter("1")})
  on conflict (key) do update set
    attempts = ${NEXT},
    window_ends_at = case when l.window_ends_at <= now() or $6::boolean then excluded.window_ends_at else l.window_ends_at end,
    blocked_until = ${blockAfter(NEXT)}
  where l.window_ends_at <= now() or l.blocked_until is null or l.blocked_until <= now()
  returning attempts`;

async function reserve(rule: KeyRule, policy: LimitPolicy): Promise<number | null> {
  const rows = await sql<{ attempts: number }>("vigil_sign_in_reserve", RESERVE, [rule.key, policy.windowMs, rule.free, rule.baseMs, rule.capMs, rule.sliding]);
  return rows.length ? rows[0]!.attempts : null;
}

// The wait is set when the attempt is reserved (so a parallel burst stops at once) and set
// again from the moment the failure is known, so a slow hash does not eat into it.
const RESTART_WAIT = `
  update sign_in_limits as l
  set blocked_until = greatest(l.blocked_until, now() + ${waitFor("l.attempts", { free: "$2", base: "$3", cap: "$4" })})
  where key = $1 and l.attempts >= $2::int`;

async function restartWait(rule: KeyRule): Promise<void> {
  await sql("vigil_sign_in_restart_wait", RESTART_WAIT, [rule.key, rule.free, rule.baseMs, rule.capMs]);
}

async function retryAfter(key: string): Promise<number> {
  const [row] = await sql<{ seconds: number | null }>(
    // A block never outlives its window (a passed window starts the count again).
    "select ceil(extract(epoch from least(blocked_until, window_ends_at) - now()))::int as seconds from sign_in_limits where key = $1",
    [key],
  );
  return Math.max(1, row?.seconds ?? 1);
}

/** Gives one reservation back (a success, or an attempt refused for another key's limit). */
async function giveBack(rule: KeyRule): Promise<void> {
  await sql(
    `update sign_in_limits set attempts = greatest(attempts - 1, 0),
       blocked_until = case when attempts - 1 < $2::int then null else blocked_until end
     where key = $1`,
    [rule.key, rule.free],
  );
}

let lastSweep = 0;
const SWEEP_EVERY_MS = 60_000;

/** Deletes rows whose window has passed, so spraying made-up usernames cannot grow the table. */
export async function sweepExpiredLimits(): Promise<number> {
  lastSweep = Date.now();
  const rows = await sql<{ key: string }>("delete from sign_in_limits where window_ends_at < now() returning key");
  return rows.length;
}

export function limitKeys(username: string, address: string | null, policy: LimitPolicy = LIMITS): { account: KeyRule; address: KeyRule | null } {
  return {
    account: { key: `account:${username.toLowerCase()}`, free: policy.perAccount, baseMs: policy.backoffBaseMs, capMs: policy.backoffCapMs, sliding: true },
    // An address that used up its attempts waits until its window ends; a busy address (an
    // office behind one NAT) keeps a fixed window, so its successes never keep old failures alive.
    address: address ? { key: `address:${address}`, free: policy.perAddress, baseMs: policy.windowMs, capMs: policy.windowMs, sliding: false } : null,
  };
}

/**
 * Runs `check` (the password hash) only when neither the account nor the address is over its
 * limit, counting the attempt first. `check` returns null for wrong credentials; a success
 * clears the account's failures and gives the address its attempt back.
 */
export async function withSignInLimit<T>(
  username: string,
  address: string | null,
  check: () => Promise<T | null>,
  policy: LimitPolicy = LIMITS,
): Promise<LimitedResult<T>> {
  if (Date.now() - lastSweep > SWEEP_EVERY_MS) await sweepExpiredLimits();
  const keys = limitKeys(username, address, policy);
  if (keys.address && (await reserve(keys.address, policy)) === null) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: await retryAfter(keys.address.key) };
  }
  if ((await reserve(keys.account, policy)) === null) {
    if (keys.address) await giveBack(keys.address);
    return { ok: false, reason: "rate_limited", retryAfterSeconds: await retryAfter(keys.account.key) };
  }
  const value = await check();
  if (value === null) {
    await restartWait(keys.account);
    return { ok: false, reason: "invalid" };
  }
  await sql("delete from sign_in_limits where key = $1", [keys.account.key]);
  if (keys.address) await giveBack(keys.address);
  return { ok: true, value };
}

/** "try again in 4 seconds" / "in 3 minutes", for messages next to a Retry-After. */
export function retryPhrase(seconds: number): string {
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  return `in ${Math.ceil(seconds / 60)} minutes`;
}
