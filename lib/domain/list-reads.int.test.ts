// The read paths of issue 14 that change how a list is answered, not what: container names'
// iexact through lower(name) returns what `ilike` returns, and a page of a filter with few
// matches (read through the filter's index and sorted) is the page the index order gives.
import { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { parseListQuery } from "../rest/filters";
import { newContainerSchema } from "../schemas/containers";
import type { Actor } from "./actor";
import { CONTAINER_FIELDS, createContainer, listContainers } from "./containers";
import { condition } from "./list-filters";
import { orderClause } from "./list-query";

const actor: Actor = { id: null, name: "reads-test", role: "system" };
const run = Date.now().toString(36);
// Case pairs that lowercase differently from how they uppercase (Σ/σ/ς, İ, ß), LIKE wildcards
// and a backslash, which ilike would treat as pattern syntax if they were not escaped.
const NAMES = [`Grüße ΣΊΣΥΦΟΣ ${run}`, `grüsse σίσυφος ${run}`, `İstanbul 100%_off \\ ${run}`, `istanbul 100%_OFF \\ ${run}`, `Plain name ${run}`];

beforeAll(async () => {
  for (const name of NAMES) await createContainer(newContainerSchema.parse({ name, label: "events" }), actor);
});

const filterOf = (key: string, value: string) => parseListQuery(new URLSearchParams([[key, value]])).filters[0]!;

describe("container name iexact", () => {
  it.each([
    `"GRÜSSE ΣΊΣΥΦΟΣ ${run}"`, `"grüße σίσυφοσ ${run}"`, `"İSTANBUL 100%_OFF \\\\ ${run}"`, `"istanbul 100%_off \\\\ ${run}"`, `"PLAIN NAME ${run}"`, `"plain nam_ ${run}"`,
  ])("%s: lower(name) = lower(value) finds what ilike finds", async (value) => {
    const filter = filterOf("_filter_name__iexact", value);
    const indexed = condition(filter, CONTAINER_FIELDS.name!);
    expect(indexed.sql).toContain("lower(");
    const escaped = (filter.value as string).replace(/[\\%_]/g, (c) => `\\${c}`);
    const viaIndex = await db.$queryRaw<{ id: number }[]>`select c.id from containers c where ${indexed} order by c.id`;
    const viaIlike = await db.$queryRaw<{ id: number }[]>`select c.id from containers c where c.name ilike ${escaped} order by c.id`;
    expect(viaIndex).toEqual(viaIlike);
  });

  it("matches case-insensitively and never treats % or _ as wildcards", async () => {
    const names = async (value: string) => (await listContainers(parseListQuery(new URLSearchParams([["_filter_name__iexact", value]])))).data.map((c) => c.name);
    expect(await names(`"PLAIN NAME ${run}"`)).toEqual([`Plain name ${run}`]);
    expect(await names(`"plain nam_ ${run}"`)).toEqual([]);
  });
});

describe("a page of few matches", () => {
  it("is the same page in the same order as reading the sort's index", async () => {
    for (const params of [
      [["_filter_name__icontains", `"${run}"`], ["page_size", "2"]],
      [["_filter_name__icontains", `"${run}"`], ["sort", "name"], ["order", "desc"], ["page_size", "3"], ["page", "1"]],
      [["_filter_name__icontains", `"${run}"`], ["sort", "create_time"], ["order", "desc"]],
    ]) {
      const query = parseListQuery(new URLSearchParams(params));
      const where = Prisma.sql`where ${condition(query.filters[0]!, CONTAINER_FIELDS.name!)}`;
      const page = async (few: boolean) => (await db.$queryRaw<{ id: number }[]>`select c.id from containers c ${where}
        ${orderClause(CONTAINER_FIELDS, query, Prisma.sql`c.id`, few)} limit ${query.pageSize} offset ${query.page * query.pageSize}`).map((r) => r.id);
      expect(orderClause(CONTAINER_FIELDS, query, Prisma.sql`c.id`, true).sql).toMatch(/\+ 0|\|\| ''|interval/);
      const byIndex = await page(false);
      expect(byIndex.length).toBeGreaterThan(0);
      expect(await page(true)).toEqual(byIndex);
      expect((await listContainers(query)).data.map((c) => c.id)).toEqual(byIndex);
    }
  });
});
