// The index-backed CEF filters (lib/domain/list-filters.ts) return exactly what the plain
// condition returns: each case runs both over the whole artifacts table in one snapshot, the
// indexed one with sequential scans off so PostgreSQL really answers it from the GIN indexes.
import { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { parseListQuery } from "../rest/filters";
import { newContainerSchema } from "../schemas/containers";
import type { Actor } from "./actor";
import { ARTIFACT_FIELDS } from "./artifacts";
import { createContainer } from "./containers";
import { condition, plainCondition } from "./list-filters";

const actor: Actor = { id: null, name: "filter-test", role: "system" };
const CEF = ARTIFACT_FIELDS.cef!;

// Values chosen to break naive rewrites: quotes and backslashes (escaped in cef::text), unicode
// with case (Σ/σ, Ü/ü), emoji, LIKE wildcards, control characters, numbers that print
// differently from how they were written, booleans, nested objects and arrays, JSON null.
const CEFS: Record<string, unknown>[] = [
  { sourceAddress: "10.77.1.3", quote: 'he said "hi" to Bob', path: "C:\\Users\\Ann\\run.ps1", port: 443 },
  { sourceAddress: "10.77.1.30", unicode: "Grüße ΣΊΣΥΦΟΣ ✓ 🙂 smile", port: "443", ratio: 1.50 },
  { wild: "100%_done_50%", lines: "line1\nline2\ttab", flag: true, off: false, nul: null },
  { nested: { a: { b: 'x"y', n: 7 } }, list: ["x", "y", 3], quote: "HE SAID \"HI\"" },
  { "we\"ird key": "v1", nested: { a: { b: "plain" } }, port: 4430, ratio: "1.5" },
  { url: "https://secure4917.badcdn.net/api/v1/beacon", deep: { a: { url: "http://Deep.Example/ÜBER/path?q=1", note: "line1\nline2" } } },
];

const FILTERS: string[] = [
  '_filter_cef__sourceAddress="10.77.1.3"',
  '_filter_cef__sourceAddress__in=["10.77.1.3", "10.77.1.30", "nope"]',
  '_filter_cef__sourceAddress__startswith="10.77.1.3"',
  '_filter_cef__sourceAddress__icontains="77.1"',
  '_filter_cef__quote="he said \\"hi\\" to Bob"',
  '_filter_cef__quote__icontains="said \\"hi"',
  '_filter_cef__quote__contains="\\"HI\\""',
  '_filter_cef__quote__iexact="HE SAID \\"HI\\" TO BOB"',
  '_filter_cef__path="C:\\\\Users\\\\Ann\\\\run.ps1"',
  '_filter_cef__path__icontains="\\\\users\\\\"',
  '_filter_cef__path__endswith="run.ps1"',
  '_filter_cef__unicode__icontains="σίσυφοσ"',
  '_filter_cef__unicode__icontains="GRÜSSE"',
  '_filter_cef__unicode__icontains="grüße"',
  '_filter_cef__unicode__contains="🙂 smile"',
  '_filter_cef__unicode__istartswith="grüße σ"',
  '_filter_cef__port="443"',
  "_filter_cef__port=443",
  '_filter_cef__port__in=[443, "4430", 80]',
  '_filter_cef__port__contains="443"',
  '_filter_cef__port__startswith="44"',
  '_filter_cef__ratio="1.5"',
  '_filter_cef__ratio="1.50"',
  "_filter_cef__ratio=1.5",
  '_filter_cef__wild__contains="%_d"',
  '_filter_cef__wild__icontains="_DONE_"',
  '_filter_cef__lines__contains="1\\nline"',
  '_filter_cef__lines__icontains="\\tTAB"',
  '_filter_cef__flag="true"',
  '_filter_cef__off="false"',
  '_filter_cef__nul=None',
  '_filter_cef__nul__isnull=True',
  '_filter_cef__nested__a__b="x\\"y"',
  '_filter_cef__nested__a__b__icontains="X\\"Y"',
  '_filter_cef__nested__a__n="7"',
  '_filter_cef__nested__a="{\\"b\\": \\"plain\\"}"',
  '_filter_cef__nested__icontains="\\"b\\": \\"x"',
  '_filter_cef__nested__icontains="x\\\\\\"y"',
  '_filter_cef__list="[\\"x\\", \\"y\\", 3]"',
  '_filter_cef__list__0="x"',
  '_filter_cef__list__icontains="\\"y\\", 3"',
  '_filter_cef__we"ird key="v1"',
  '_filter_cef__missing="10.77.1.3"',
  '_filter_cef__sourceAddress__gt="10.77.1.29"',
  // Long values: the index narrows by the value's longest word, then the exact check decides.
  '_filter_cef__url__contains="4917.badcdn.net/api/v1/beacon"',
  '_filter_cef__url__startswith="https://secure4917"',
  '_filter_cef__url__startswith="secure4917"',
  '_filter_cef__url__iendswith="V1/BEACON"',
  '_filter_cef__deep__a__url__icontains="deep.example/über/"',
  '_filter_cef__deep__icontains="example/ÜBER/path?q"',
  '_filter_cef__deep__a__note__contains="1\\nline2"',
  '_filter_cef__deep__contains="1\\\\nline2"',
];

let ours: number[] = [];

beforeAll(async () => {
  const created = await createContainer(newContainerSchema.parse({
    name: "filter exactness", artifacts: CEFS.map((cef, i) => ({ name: `cef ${i}`, cef })),
  }), actor);
  ours = created.artifacts.map((a) => a.id);
});

function filterOf(raw: string) {
  const eq = raw.indexOf("=");
  const query = parseListQuery(new URLSearchParams([[raw.slice(0, eq), raw.slice(eq + 1)]]));
  return query.filters[0]!;
}

/** Both conditions in one snapshot; the indexed one with sequential scans off. */
async function both(filter: ReturnType<typeof filterOf>) {
  const indexed = condition(filter, CEF);
  const plain = plainCondition(filter, CEF);
  const [, , viaIndex, , viaPlain] = await db.$transaction([
    db.$executeRaw`set transaction isolation level repeatable read`,
    db.$executeRaw`set local enable_seqscan = off`,
    db.$queryRaw<{ id: number }[]>`select a.id from artifacts a where ${indexed} order by a.id`,
    db.$executeRaw`set local enable_seqscan = on`,
    db.$queryRaw<{ id: number }[]>`select a.id from artifacts a where ${plain} order by a.id`,
  ]);
  return { viaIndex: viaIndex.map((r) => r.id), viaPlain: viaPlain.map((r) => r.id), indexed, plain };
}

describe("CEF filters through the indexes", () => {
  it.each(FILTERS)("%s returns exactly what the plain condition returns", async (raw) => {
    const { viaIndex, viaPlain } = await both(filterOf(raw));
    expect(viaIndex).toEqual(viaPlain);
  });

  it("matches what it should among this test's artifacts (so the comparison is not of two empty answers)", async () => {
    const mine = async (raw: string) => (await both(filterOf(raw))).viaIndex.filter((id) => ours.includes(id)).map((id) => ours.indexOf(id));
    expect(await mine('_filter_cef__quote__icontains="said \\"hi"')).toEqual([0, 3]);
    expect(await mine('_filter_cef__port="443"')).toEqual([0, 1]);
    // The number 1.5 and the text "1.5" both read as "1.5".
    expect(await mine('_filter_cef__ratio="1.5"')).toEqual([1, 4]);
    expect(await mine('_filter_cef__unicode__icontains="σίσυφοσ"')).toEqual([1]);
    expect(await mine('_filter_cef__path__icontains="\\\\users\\\\"')).toEqual([0]);
    expect(await mine('_filter_cef__wild__contains="%_d"')).toEqual([2]);
    expect(await mine('_filter_cef__lines__contains="1\\nline"')).toEqual([2]);
    expect(await mine('_filter_cef__flag="true"')).toEqual([2]);
    expect(await mine('_filter_cef__nested__a__b="x\\"y"')).toEqual([3]);
    expect(await mine('_filter_cef__nested__icontains="x\\\\\\"y"')).toEqual([3]);
    expect(await mine('_filter_cef__nested__a="{\\"b\\": \\"plain\\"}"')).toEqual([4]);
    expect(await mine('_filter_cef__we"ird key="v1"')).toEqual([4]);
    expect(await mine('_filter_cef__url__contains="4917.badcdn.net/api/v1/beacon"')).toEqual([5]);
    expect(await mine('_filter_cef__url__startswith="secure4917"')).toEqual([]);
    expect(await mine('_filter_cef__deep__a__url__icontains="deep.example/über/"')).toEqual([5]);
    expect(await mine('_filter_cef__deep__a__note__contains="1\\nline2"')).toEqual([5]);
    expect(await mine('_filter_cef__deep__contains="1\\\\nline2"')).toEqual([5]);
  });

  it("uses the GIN indexes: containment for exact and in, trigrams for substrings", async () => {
    const plan = async (raw: string) => {
      const indexed = condition(filterOf(raw), CEF);
      const rows = await db.$transaction([
        db.$executeRaw`set local enable_seqscan = off`,
        db.$queryRaw<{ "QUERY PLAN": string }[]>`explain select a.id from artifacts a where ${indexed}`,
      ]);
      return rows[1].map((r) => r["QUERY PLAN"]).join("\n");
    };
    expect(await plan('_filter_cef__sourceAddress="10.77.1.3"')).toContain("artifacts_cef_path_idx");
    expect(await plan('_filter_cef__port__in=[443, "4430"]')).toContain("artifacts_cef_path_idx");
    expect(await plan('_filter_cef__quote__icontains="said \\"hi"')).toContain("artifacts_cef_values_trgm_idx");
    expect(await plan('_filter_cef__unicode__startswith="Grüße"')).toContain("artifacts_cef_values_trgm_idx");
  });

  it("falls back to the plain condition alone where an index cannot be exact", async () => {
    for (const raw of ['_filter_cef__list__0="x"', '_filter_cef__nested__a="{\\"b\\": \\"plain\\"}"', "_filter_cef__nul=None", '_filter_cef__port__gt="4"']) {
      const { indexed, plain } = await both(filterOf(raw));
      expect(indexed.sql).toBe(plain.sql);
    }
    const sql = (raw: string) => condition(filterOf(raw), CEF).sql;
    expect(sql('_filter_cef__port="443"')).toContain("@>");
    expect(sql('_filter_cef__port__icontains="443"')).toContain("::text");
    expect(Prisma.sql`${condition(filterOf('_filter_cef__sourceAddress="1"'), CEF)}`.values).toContain('{"sourceAddress":"1"}');
  });
});
