// What one list request may cost: at most MAX_PAGE_SIZE rows whatever page_size asks for, and at
// most VIGIL_REST_STATEMENT_TIMEOUT_MS of PostgreSQL time.
import { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { runList } from "@/lib/domain/list-query";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
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
    for (const qs of ["page_size=0", "page_size=50000"]) {
      const first = await list(qs);
      expect(first.status).toBe(200);
      expect({ count: first.body.count, num_pages: first.body.num_pages, rows: first.body.data.length }).toEqual({ count: 10_005, num_pages: 2, rows: 10_000 });
    }
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
});
