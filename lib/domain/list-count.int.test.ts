// Counts of list pages: exact up to VIGIL_REST_EXACT_COUNT_LIMIT, above it the planner's
// estimate at first and then the exact count cached for a few seconds (lib/domain/list-count.ts).
import { afterEach, describe, expect, it } from "vitest";
import { newContainerSchema } from "../schemas/containers";
import type { Actor } from "./actor";
import { listArtifacts } from "./artifacts";
import { createContainer } from "./containers";

const actor: Actor = { id: null, name: "count-test", role: "system" };
const query = (pageSize: number) => ({ filters: [], order: "asc" as const, page: 0, pageSize });

afterEach(() => {
  delete process.env.VIGIL_REST_EXACT_COUNT_LIMIT;
});

describe("list counts", () => {
  it("is exact up to the limit, an estimate above it, then the exact count cached", async () => {
    const created = await createContainer(newContainerSchema.parse({
      name: "count me", artifacts: Array.from({ length: 7 }, (_, i) => ({ name: `a${i}`, cef: { fileName: `count-${i}.bin` } })),
    }), actor);
    const exact = await listArtifacts(query(2), created.id);
    expect({ count: exact.count, kind: exact.countKind, pages: exact.numPages, rows: exact.data.length }).toEqual({ count: 7, kind: "exact", pages: 4, rows: 2 });

    process.env.VIGIL_REST_EXACT_COUNT_LIMIT = "3";
    const first = await listArtifacts(query(2), created.id);
    expect(first.countKind).toBe("estimate");
    expect(first.count).toBeGreaterThanOrEqual(4);
    expect(first.data.map((a) => a.name)).toEqual(["a0", "a1"]);
    // The exact count runs in the background; the next pages of the same filter carry it.
    let later = await listArtifacts(query(2), created.id);
    for (const started = Date.now(); later.countKind !== "cached" && Date.now() - started < 8000;) {
      await new Promise((r) => setTimeout(r, 50));
      later = await listArtifacts(query(2), created.id);
    }
    expect({ count: later.count, kind: later.countKind, pages: later.numPages }).toEqual({ count: 7, kind: "cached", pages: 4 });
  });
});
