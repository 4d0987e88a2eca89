// Custom lists through /rest/decided_list (SOAR's shape and row edits) and the domain
// operations the custom lists app will call, on the real database and a real `vigil start`.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/domain/actor";
import {
  appendListRows, createCustomList, deleteCustomList, findInList, getCustomList, removeListRowsByValue,
} from "@/lib/domain/custom-lists";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

let bot: Client;
let observer: Client;
const actor: Actor = { id: null, name: "list-test", role: "system" };
const path = (ref: string | number) => `/rest/decided_list/${encodeURIComponent(String(ref))}`;

beforeAll(async () => {
  bot = await tokenClient("automation");
  observer = await tokenClient("observer");
});

describe("/rest/decided_list", () => {
  it("creates a list, reads it by id and by name, and lists it", async () => {
    const name = unique("Known bad IPs");
    const created = await bot.call("POST", "/rest/decided_list", { name, content: [["10.0.0.1", "scanner"], ["10.0.0.2", "c2"]] });
    expect(created).toEqual({ status: 200, body: { success: true, id: expect.any(Number) } });
    const byId = await observer.call("GET", path(created.body.id));
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: created.body.id, name, content: [["10.0.0.1", "scanner"], ["10.0.0.2", "c2"]] });
    expect(byId.body.create_time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await observer.call("GET", path(name))).body.id).toBe(created.body.id);
    const listed = await observer.call("GET", `/rest/decided_list?_filter_name=${encodeURIComponent(JSON.stringify(name))}`);
    expect(listed.body).toMatchObject({ count: 1, num_pages: 1, data: [{ id: created.body.id, name }] });
  });

  it("wraps a flat content array into one row, as SOAR does", async () => {
    const { body } = await bot.call("POST", "/rest/decided_list", { name: unique("flat"), content: ["a", "b"] });
    expect((await bot.call("GET", path(body.id))).body.content).toEqual([["a", "b"]]);
  });

  it("applies append_rows, delete_rows and update_rows against the rows as they were", async () => {
    const name = unique("edits");
    await bot.call("POST", "/rest/decided_list", { name, content: [["r0"], ["r1"], ["r2"], ["r3"]] });
    const edit = await bot.call("POST", path(name), {
      update_rows: { "3": ["r3 changed", "x"] }, delete_rows: [0, 2], append_rows: [["r4"], "bare value"],
    });
    expect(edit.body).toEqual({ success: true, id: expect.any(Number) });
    expect((await bot.call("GET", path(name))).body.content).toEqual([["r1"], ["r3 changed", "x"], ["r4"], ["bare value"]]);
    const replaced = await bot.call("POST", path(name), { content: [["only"]] });
    expect(replaced.status).toBe(200);
    expect((await getCustomList(name)).content).toEqual([["only"]]);
  });

  it("refuses bad input with a 400 naming the problem, and changes nothing", async () => {
    const name = unique("strict");
    await bot.call("POST", "/rest/decided_list", { name, content: [["a"]] });
    const cases: [unknown, RegExp][] = [
      [{ delete_rows: [5] }, /^delete_rows: row 5 does not exist \(the list has 1 rows\)/],
      [{ update_rows: { x: ["a"] } }, /^update_rows/],
      [{ append_rows: [[{ nested: true }]] }, /^append_rows\[0\]/],
      [{}, /send content, name, append_rows/],
      [{ name: "123" }, /only digits/],
    ];
    for (const [payload, message] of cases) {
      const r = await bot.call("POST", path(name), payload);
      expect(r.status, JSON.stringify(payload)).toBe(400);
      expect(r.body.message).toMatch(message);
    }
    expect((await getCustomList(name)).content).toEqual([["a"]]);
    const noName = await bot.call("POST", "/rest/decided_list", { content: [] });
    expect(noName.status).toBe(400);
    expect(noName.body.message).toMatch(/^name: /);
  });

  it("answers 409 for a duplicate name and 404 for a missing list", async () => {
    const name = unique("dup");
    await bot.call("POST", "/rest/decided_list", { name, content: [] });
    const again = await bot.call("POST", "/rest/decided_list", { name, content: [] });
    expect(again).toEqual({ status: 409, body: { failed: true, message: `a custom list named "${name}" already exists` } });
    const other = unique("other");
    await bot.call("POST", "/rest/decided_list", { name: other, content: [] });
    expect((await bot.call("POST", path(other), { name })).status).toBe(409);
    for (const method of ["GET", "POST", "DELETE"]) {
      const r = await bot.call(method, path("no such list"), method === "POST" ? { append_rows: [["x"]] } : undefined);
      expect(r, method).toEqual({ status: 404, body: { failed: true, message: 'custom list "no such list" does not exist' } });
    }
  });

  it("deletes a list; observers may read lists but not change them", async () => {
    const name = unique("doomed");
    const { body } = await bot.call("POST", "/rest/decided_list", { name, content: [["x"]] });
    for (const [method, p, payload] of [
      ["POST", "/rest/decided_list", { name: unique("nope"), content: [] }],
      ["POST", path(body.id), { append_rows: [["y"]] }],
      ["DELETE", path(body.id), undefined],
    ] as const) {
      const r = await observer.call(method, p, payload);
      expect(r.status, `${method} ${p}`).toBe(403);
    }
    expect(await bot.call("DELETE", path(body.id))).toEqual({ status: 200, body: { success: true } });
    expect((await bot.call("GET", path(body.id))).status).toBe(404);
  });

  it("audits every change", async () => {
    const name = unique("audited");
    const { body } = await bot.call("POST", "/rest/decided_list", { name, content: [["a"]] });
    await bot.call("POST", path(body.id), { append_rows: [["b"]] });
    await bot.call("DELETE", path(body.id));
    const rows = await db.auditLog.findMany({ where: { objectType: "custom_list", objectId: String(body.id) }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.actorName])).toEqual([
      ["custom_list.create", bot.username], ["custom_list.update", bot.username], ["custom_list.delete", bot.username],
    ]);
    expect(rows[1]!.detail).toMatchObject({ name, appended: 1, rows: 2 });
  });
});

describe("custom list operations for the app", () => {
  it("finds values exactly or as substrings, in one column or all", async () => {
    const name = unique("find");
    await createCustomList(name, [["evil.example", "phishing"], ["bad.example", "evil.example"], [null, 7]], actor);
    const exact = await findInList(name, "evil.example");
    expect(exact.matches.map((m) => [m.rowIndex, m.columnIndex])).toEqual([[0, 0], [1, 1]]);
    expect((await findInList(name, "evil.example", { column: 0 })).matches).toEqual([{ row: ["evil.example", "phishing"], rowIndex: 0, columnIndex: 0 }]);
    expect((await findInList(name, "example", { exact: false })).matches).toHaveLength(3);
    expect((await findInList(name, "7")).matches).toEqual([{ row: [null, 7], rowIndex: 2, columnIndex: 1 }]);
    await expect(findInList(unique("missing"), "x")).rejects.toThrow(/does not exist/);
  });

  it("appends concurrently without losing a row, and removes rows by value", async () => {
    const name = unique("busy");
    await createCustomList(name, [], actor);
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendListRows(name, [[`10.0.0.${i}`]], actor)));
    expect((await getCustomList(name)).content).toHaveLength(20);
    await appendListRows(name, [["10.0.0.3", "again"]], actor);
    const { removed, list } = await removeListRowsByValue(name, "10.0.0.3", actor);
    expect(removed).toBe(2);
    expect(list.content).toHaveLength(19);
    expect((await removeListRowsByValue(name, "again", actor, 0)).removed).toBe(0);
    await deleteCustomList(name, actor);
    await expect(getCustomList(name)).rejects.toThrow(/does not exist/);
  });
});
