// The custom lists app's handlers with the capability as Vigil will wire it (host.ts over
// lib/domain/custom-lists), on the real database.
import { describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import type { Actor } from "@/lib/domain/actor";
import { createCustomList, getCustomList } from "@/lib/domain/custom-lists";
import { unique } from "@/lib/rest/rest-test-kit";
import { testContext } from "../app-test-context";
import type { ListsCapability } from "./capability";
import { listsCapability } from "./host";
import app from "./index";

const actor: Actor = { id: null, name: "app:custom-lists", role: "system" };
const ctx = (lists: ListsCapability | null = listsCapability(actor)) => ({ ...testContext(), lists: lists ?? undefined });

describe("custom lists app", () => {
  it("checks a value, adds rows (JSON array or bare value) and removes them", async () => {
    const list = unique("Known bad IPs");
    const { id } = await createCustomList(list, [["203.0.113.7", "scanner"]], actor);

    const hit = await app.actions.check_list!(ctx(), { list, value: "203.0.113.7" });
    expect(hit).toEqual({
      status: "success", message: `203.0.113.7 is in ${list} (1 match)`,
      data: [{ matched_row: ["203.0.113.7", "scanner"], row_index: 0, column_index: 0 }],
      summary: { is_in_list: true, found_matches: 1, locations: [[0, 0]], list_id: id },
    });
    expect((await app.actions.check_list!(ctx(), { list, value: "203.0.113.7", column_index: 1 })).summary.is_in_list).toBe(false);
    expect((await app.actions.check_list!(ctx(), { list: String(id), value: "203.0.113", exact_match: "false" })).summary.found_matches).toBe(1);

    const added = await app.actions.add_listitem!(ctx(), { list, new_row: '["198.51.100.9", "c2"]' });
    expect(added).toMatchObject({ status: "success", summary: { list_id: id, total_rows: 2, created: false } });
    await app.actions.add_listitem!(ctx(), { list, new_row: "198.51.100.9" });
    expect((await getCustomList(id)).content).toEqual([["203.0.113.7", "scanner"], ["198.51.100.9", "c2"], ["198.51.100.9"]]);

    const removed = await app.actions.remove_listitem!(ctx(), { list, value: "198.51.100.9" });
    expect(removed).toMatchObject({ status: "success", message: `Removed 2 rows from ${list}`, summary: { removed_rows: 2, total_rows: 1 } });
  });

  it("creates a missing list only when asked to", async () => {
    const list = unique("watch");
    const refused = await app.actions.add_listitem!(ctx(), { list, new_row: "alice" });
    expect(refused).toMatchObject({ status: "failed", message: `custom list "${list}" does not exist` });
    const created = await app.actions.add_listitem!(ctx(), { list, new_row: "alice", create: true });
    expect(created).toMatchObject({ status: "success", message: `Created list ${list} with the row`, summary: { created: true, total_rows: 1 } });
  });

  it("fails clearly on bad parameters, a missing list and a missing capability", async () => {
    expect((await app.actions.check_list!(ctx(), { list: unique("nope"), value: "x" })).message).toMatch(/does not exist/);
    expect((await app.actions.check_list!(ctx(), { list: "a", value: "x", column_index: -1 })).message).toMatch(/column_index must be a whole number/);
    expect((await app.actions.add_listitem!(ctx(), { list: "a", new_row: "" })).message).toMatch(/Give the new row/);
    const nested = await app.actions.add_listitem!(ctx(), { list: unique("x"), new_row: '[{"a": 1}]', create: true });
    expect(nested.status).toBe("failed");
    const without = await app.actions.check_list!(ctx(null), { list: "a", value: "x" });
    expect(without).toMatchObject({ status: "failed", message: expect.stringContaining("ctx.lists is missing") });
    expect(await app.actions.test_connectivity!(ctx(), {})).toMatchObject({ status: "success" });
  });

  it("reports database trouble as transient", async () => {
    const broken: ListsCapability = {
      find: () => Promise.reject(new Error("connection terminated")),
      append: () => Promise.reject(new Error("connection terminated")),
      remove: () => Promise.reject(new Error("connection terminated")),
    };
    const error = await app.actions.check_list!(ctx(broken), { list: "a", value: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toBe("Custom lists are unavailable: connection terminated");
  });
});
