import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { newContainerSchema } from "../schemas/containers";
import { queueQuerySchema } from "../schemas/events";
import type { Actor } from "./actor";
import { bulkUpdate } from "./bulk";
import { createContainer } from "./containers";
import { decodeCursor, queuePage } from "./events-queue";

const actor: Actor = { id: null, name: "queue-test", role: "system" };
const tag = () => `t${randomUUID().slice(0, 8)}`;

async function seed(t: string, items: Record<string, unknown>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const item of items) ids.push((await createContainer(newContainerSchema.parse({ name: "event", tags: [t], ...item }), actor)).id);
  return ids;
}

/** Walks every page of a query and returns the ids in order. */
async function walk(params: Record<string, string>): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 100; n++) {
    const page = await queuePage(queueQuerySchema.parse({ ...params, ...(cursor ? { cursor } : {}) }), 0);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    cursor = page.next;
  }
  throw new Error("too many pages");
}

describe("the events queue", () => {
  it("pages by keyset through ties without skipping or repeating a row, both directions", async () => {
    const t = tag();
    // Seven share one name (ties on the sort key), three others around them.
    const ids = await seed(t, [{ name: "b" }, { name: "a" }, ...Array.from({ length: 7 }, () => ({ name: "same" })), { name: "z" }]);
    const byName = (dir: 1 | -1) => [...ids].map((id, i) => ({ id, name: ["b", "a", ...Array(7).fill("same"), "z"][i] as string }))
      .sort((x, y) => (x.name < y.name ? -dir : x.name > y.name ? dir : (x.id - y.id) * dir)).map((x) => x.id);
    expect(await walk({ tags: t, sort: "name", dir: "asc", limit: "3" })).toEqual(byName(1));
    expect(await walk({ tags: t, sort: "name", dir: "desc", limit: "2" })).toEqual(byName(-1));
    expect(await walk({ tags: t, sort: "create_time", dir: "desc", limit: "4" })).toEqual([...ids].reverse());
    expect(await walk({ tags: t, sort: "id", dir: "asc", limit: "1" })).toEqual(ids);
    // Rows written at the same millisecond tie on create_time; the id still orders them.
    await db.$executeRaw`update containers set create_time = '2026-01-01T00:00:00Z' where id = any(${ids}::int[])`;
    expect(await walk({ tags: t, sort: "create_time", dir: "asc", limit: "3" })).toEqual(ids);
  });

  it("sorts by severity (rank, then newest) and by due time (soonest, no due time last), paging across groups", async () => {
    const t = tag();
    const hour = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const [l1, h1, m1, h2, l2, m2] = await seed(t, [
      { severity: "low", due_time: hour(5) }, { severity: "high" }, { severity: "medium", due_time: hour(1) },
      { severity: "high", due_time: hour(3) }, { severity: "low" }, { severity: "medium", due_time: hour(-2) },
    ]);
    // Without a due_time a container is due after its severity's SLA; these two have none at all.
    await db.$executeRaw`update containers set due_time = null where id = any(${[h1, l2]}::int[])`;
    expect(await walk({ tags: t, sort: "severity", dir: "desc", limit: "1" })).toEqual([h2, h1, m2, m1, l2, l1]);
    expect(await walk({ tags: t, sort: "severity", dir: "asc", limit: "4" })).toEqual([l1, l2, m1, m2, h1, h2]);
    expect(await walk({ tags: t, sort: "severity", dir: "desc", limit: "2", severity: "low,high" })).toEqual([h2, h1, l2, l1]);
    // Overdue first, then due soonest; those without a due time after every due one, by id.
    expect(await walk({ tags: t, sort: "due_time", dir: "asc", limit: "2" })).toEqual([m2, m1, h2, l1, h1, l2]);
    expect(await walk({ tags: t, sort: "due_time", dir: "desc", limit: "5" })).toEqual([l2, h1, l1, h2, m1, m2]);
    // A cursor of one order is refused by another, as for the other sorts.
    const first = await queuePage(queueQuerySchema.parse({ tags: t, sort: "severity", limit: "1" }), 0);
    await expect(queuePage(queueQuerySchema.parse({ tags: t, sort: "due_time", cursor: first.next! }), 0)).rejects.toThrow(/cursor/);
  });

  it("filters by label, status, severity, sensitivity, owner, tags, time and text, and counts", async () => {
    const t = tag();
    const owner = await db.user.create({ data: { username: `q-${t}`, role: "analyst" } });
    const [a, b, c] = await seed(t, [
      { name: `Phishing mail ${t}`, label: "email", severity: "high", sensitivity: "red", owner_id: owner.id },
      { name: "Port scan", label: "network", severity: "low", status: "open" },
      { name: "Malware", label: "network", severity: "medium", tags: [t, "edr"] },
    ]);
    const ids = async (p: Record<string, string>) => (await queuePage(queueQuerySchema.parse({ tags: t, ...p }), owner.id)).rows.map((r) => r.id).sort();
    expect(await ids({ label: "network" })).toEqual([b, c].sort());
    expect(await ids({ status: "open" })).toEqual([b]);
    expect(await ids({ severity: "high,low" })).toEqual([a, b].sort());
    expect(await ids({ sensitivity: "red" })).toEqual([a]);
    expect(await ids({ owner: "me" })).toEqual([a]);
    expect(await ids({ owner: String(owner.id) })).toEqual([a]);
    expect(await ids({ owner: "none" })).toEqual([b, c].sort());
    expect(await ids({ tags: `${t},edr` })).toEqual([c]);
    expect(await ids({ q: `mail ${t}` })).toEqual([a]);
    expect(await ids({ q: `#${b}` })).toEqual([b]);
    expect(await ids({ from: "2000-01-01T00:00:00Z", to: "2000-01-02T00:00:00Z" })).toEqual([]);
    expect(await ids({ type: "case" })).toEqual([]);
    const page = await queuePage(queueQuerySchema.parse({ tags: t, limit: "1" }), 0);
    expect(page).toMatchObject({ total: 3, capped: false });
    expect(decodeCursor(page.next!)[2]).toBe(page.rows[0]!.id);
    await expect(queuePage(queueQuerySchema.parse({ tags: t, sort: "name", cursor: page.next! }), 0)).rejects.toThrow(/another sort order/);
    expect(() => decodeCursor("garbage")).toThrow(/cursor/);
  });

  it("applies a bulk action all or nothing, with one audit row per container", async () => {
    const t = tag();
    const ids = await seed(t, [{}, {}, {}]);
    const audit = () => db.auditLog.count({ where: { containerId: { in: ids }, action: { not: "container.create" } } });
    await expect(bulkUpdate([...ids, 2_000_000_000], { kind: "status", status: "open" }, actor)).rejects.toThrow(/does not exist/);
    expect((await db.container.findMany({ where: { id: { in: ids } } })).map((c) => c.status)).toEqual(["new", "new", "new"]);
    expect(await audit()).toBe(0);
    await expect(bulkUpdate(ids, { kind: "severity", severity: "no-such" }, actor)).rejects.toThrow(/severity must be one of/);

    expect(await bulkUpdate(ids, { kind: "severity", severity: "high" }, actor)).toEqual({ updated: 3 });
    expect(await audit()).toBe(3);
    await bulkUpdate(ids, { kind: "close", reason: "false positive" }, actor);
    const closed = await db.container.findMany({ where: { id: { in: ids } } });
    expect(closed.every((c) => c.status === "closed" && c.severity === "high" && c.closeTime)).toBe(true);
    expect(await db.comment.count({ where: { containerId: { in: ids }, content: "Closed: false positive" } })).toBe(3);
    const rows = await db.auditLog.findMany({ where: { containerId: ids[0], action: "container.status" } });
    expect(rows[0]!.detail).toMatchObject({ status: "closed", reason: "false positive" });
  });
});
