// The `count` (and so `num_pages`) of a list page. Phantom answers an exact count; at a million
// rows counting every match costs more than the page itself (a severity filter matching 150,000
// containers: ~150 ms of a 2-core machine, a whole table ~250 ms), so:
// - up to VIGIL_REST_EXACT_COUNT_LIMIT (10,000) matches the count is exact: counting stops one
//   row past the limit, which an index range or a short scan reads in a few ms;
// - above it, the exact count of the same filter (same SQL and values) when one was counted in
//   the last COUNT_CACHE_MS on this node;
// - otherwise the planner's estimate of the matches (never below the limit + 1), and an exact
//   count starts in the background (one per filter at a time, under the list statement timeout)
//   for the next request of that filter to use.
// The `x-vigil-count` response header says which one a page carries: exact, cached or estimate.
import { Prisma } from "@prisma/client";
import { log } from "../log";
import { withStatementTimeout } from "./list-timeout";

export type CountKind = "exact" | "cached" | "estimate";
export interface ListCount {
  count: number;
  kind: CountKind;
}

/** How long an exact count above the limit is reused for the same filter. */
export const COUNT_CACHE_MS = 10_000;
const CACHE_MAX = 500;

/** VIGIL_REST_EXACT_COUNT_LIMIT (default 10,000): counts up to this are always exact. */
export function exactCountLimit(): number {
  const n = Number(process.env.VIGIL_REST_EXACT_COUNT_LIMIT || 10_000);
  return Number.isSafeInteger(n) && n >= 0 ? n : 10_000;
}

const cache = new Map<string, { count: number; at: number }>();
const counting = new Set<string>();

function cacheKey(sql: Prisma.Sql): string {
  return JSON.stringify([sql.sql, sql.values], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

function remember(key: string, count: number) {
  if (cache.size >= CACHE_MAX) {
    const now = Date.now();
    for (const [k, e] of cache) if (now - e.at > COUNT_CACHE_MS) cache.delete(k);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, { count, at: Date.now() });
}

/** Counts in the background and keeps the answer for COUNT_CACHE_MS; a failure only logs. */
function countLater(key: string, from: Prisma.Sql, where: Prisma.Sql) {
  if (counting.has(key)) return;
  counting.add(key);
  withStatementTimeout((tx) => tx.$queryRaw<{ n: bigint }[]>`select count(*) as n from ${from} ${where}`)
    .then((rows) => remember(key, Number(rows[0]?.n ?? 0)))
    .catch((err: unknown) => log.info({ err: (err as Error)?.message }, "background list count did not finish; lists of this filter keep an estimated count"))
    .finally(() => counting.delete(key));
}

async function estimate(from: Prisma.Sql, where: Prisma.Sql): Promise<number> {
  const rows = await withStatementTimeout((tx) => tx.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    explain (format json) select 1 from ${from} ${where}`);
  return Math.round(rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
}

export async function countList(from: Prisma.Sql, where: Prisma.Sql): Promise<ListCount> {
  const limit = exactCountLimit();
  const rows = await withStatementTimeout((tx) => tx.$queryRaw<{ n: bigint }[]>`
    select count(*) as n from (select 1 from ${from} ${where} limit ${limit + 1}) x`);
  const bounded = Number(rows[0]?.n ?? 0);
  if (bounded <= limit) return { count: bounded, kind: "exact" };
  const key = cacheKey(Prisma.sql`${from} ${where}`);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at <= COUNT_CACHE_MS) return { count: hit.count, kind: "cached" };
  countLater(key, from, where);
  return { count: Math.max(limit + 1, await estimate(from, where)), kind: "estimate" };
}
