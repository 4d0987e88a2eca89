// What one list request may cost: at most MAX_PAGE_SIZE rows whatever page_size asks for, and at
// most VIGIL_REST_STATEMENT_TIMEOUT_MS of PostgreSQL time.
import { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { field, runList } from "@/lib/domain/list-query";
import { restUrl, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { withRest } from "@/lib/rest/with-rest";

let bot: Client;

beforeAll(async () => {
  bot = await tokenClient("automation");
});

describe("page_size", () => {
  it("answers at most 10,000 rows for page_size=0 (\"all\") or more, with num_pages for that page size", async () => {
    const c = await bot.call("POST", "/rest/container", { name: unique("many artifacts") });
    const containerId = c.body.id;
    for (let batch = 0; batch < 11; batch++) {
      const size = batch < 10 ? 1000 : 5;
      const artifacts = Array.from({ length: size }, (_, i) => ({ container_id: containerId, name: `a ${batch}-${i}` }));
      expect((await bot.call("POST", "/rest/artifact", artifacts)).status).toBe(200);
    }
    const list = (qs: string) => bot.call("GET", `/rest/artifact?_filter_container=${containerId}&${qs}`);
    // Above VIGIL_REST_EXACT_COUNT_LIMIT (10,000) the first answer may carry an estimate; the
    // exact count, counted meanwhile, comes with the next answers (x-vigil-count: cached).
    for (const qs of ["page_size=0", "page_size=50000"]) {
      const first = await list(qs);
      expect(first.status).toBe(200);
      expect({ num_pages: first.body.num_pages, rows: first.body.data.length }).toEqual({ num_pages: 2, rows: 10_000 });
      expect(first.body.count).toBeGreaterThan(10_000);
    }
    let counted: Response | undefined;
    for (const started = Date.now(); Date.now() - started < 10_000;) {
      counted = await fetch(restUrl(`/rest/artifact?_filter_container=${containerId}&page_size=0`), { headers: bot.headers });
      if (counted.headers.get("x-vigil-count") === "cached") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(counted!.headers.get("x-vigil-count")).toBe("cached");
    expect(await counted!.json()).toMatchObject({ count: 10_005, num_pages: 2 });
    const second = await list("page_size=0&page=1");
    expect(second.body.data.length).toBe(5);
  }, 120_000);
});

describe("statement timeout", () => {
  it("stops a list query that runs longer than VIGIL_REST_STATEMENT_TIMEOUT_MS and answers 503 with Retry-After", async () => {
    process.env.VIGIL_REST_STATEMENT_TIMEOUT_MS = "300";
    try {
      // A list whose rows take PostgreSQL 10 s to produce, behind the real /rest wrapper.
      const slow = withRest("containers.read", () => runList({
        select: Prisma.sql`1 as one`, from: Prisma.sql`(select pg_sleep(10)) s`, fields: {}, idColumn: Prisma.sql`1`,
        query: { filters: [], order: "asc", page: 0, pageSize: 10 },
      }));
      const started = Date.now();
      const res = await slow(new Request("http://127.0.0.1/rest/slow", { headers: bot.headers }));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({ failed: true, message: expect.stringContaining("the query ran longer than 0.3 s and was stopped") });
    } finally {
      delete process.env.VIGIL_REST_STATEMENT_TIMEOUT_MS;
    }
  });

  it("answers 400 naming the filters no index serves when such a list runs out of time", async () => {
    process.env.VIGIL_REST_STATEMENT_TIMEOUT_MS = "300";
    try {
      const fields = {
        id: field("s.id", "int", { btree: true, notNull: true }),
        note: field("s.note", "text"),
        name: field("s.name", "text", { trigram: true }),
      };
      const slow = withRest("containers.read", (ctx) => runList({
        select: Prisma.sql`s.id`, fields,
        // Not constants, and matching, or the planner would decide the filters without the sleep.
        from: Prisma.sql`(select g as id, 'abc' || g as note, 'abc' || g as name, pg_sleep(10) as z from generate_series(1, 1) g) s`,
        idColumn: Prisma.sql`s.id`, query: ctx.list(),
      }));
      const call = async (qs: string) => {
        const res = await slow(new Request(`http://127.0.0.1/rest/slow?${qs}`, { headers: bot.headers }));
        return { status: res.status, body: await res.json() };
      };
      const broad = await call('_filter_id=1&_filter_note__icontains="abc"&_filter_name__icontains="ab"');
      expect(broad.status).toBe(400);
      expect(broad.body.message).toContain("the list ran longer than 0.3 s and was stopped: _filter_note__icontains, _filter_name__icontains are too broad");
      // Every filter index-served: the server was slow, not the filter broad.
      const served = await call('_filter_id=1&_filter_name__icontains="abc"');
      expect(served.status).toBe(503);
    } finally {
      delete process.env.VIGIL_REST_STATEMENT_TIMEOUT_MS;
    }
  });
});
