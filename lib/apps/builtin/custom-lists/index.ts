// Custom lists app: `check list`, `add listitem` and `remove listitem` on Vigil's own custom
// lists (SOAR's decided lists), so playbooks can keep allow/deny lists up to date. Parameters
// follow SOAR's Phantom app (`list`, `new_row` as a JSON array or a plain value, `create`,
// `column_index`, `exact_match`). The lists are reached through `ctx.lists` (capability.ts).
import { failed, success, TransientError, type ActionHandler, type AppModule } from "@/lib/apps/sdk";
import type { ListRow, ListsAppContext, ListsCapability } from "./capability";

const KINDS = new Set(["not_found", "invalid", "conflict", "too_large"]);

const MISSING = "This Vigil does not give apps access to custom lists (ctx.lists is missing)";
class MissingCapability extends Error {}

function lists(ctx: ListsAppContext): ListsCapability {
  if (!ctx.lists) throw new MissingCapability(MISSING);
  return ctx.lists;
}

/** Definite refusals (no such list, bad row) are failed results; anything else is worth a retry. */
async function guarded(run: () => Promise<ReturnType<typeof success>>) {
  try {
    return await run();
  } catch (error) {
    const kind = (error as { kind?: unknown }).kind;
    if (error instanceof MissingCapability || (typeof kind === "string" && KINDS.has(kind))) return failed((error as Error).message);
    if (error instanceof TransientError || !(error instanceof Error)) throw error;
    throw new TransientError(`Custom lists are unavailable: ${error.message}`);
  }
}

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value).trim());

/** column_index: absent means every column; otherwise a whole number from 0. */
function columnOf(value: unknown): number | undefined | Error {
  if (value === undefined || value === null || value === "") return undefined;
  const column = Number(value);
  return Number.isInteger(column) && column >= 0 ? column : new Error(`column_index must be a whole number from 0, not ${JSON.stringify(value)}`);
}

const truthy = (value: unknown, fallback: boolean) =>
  value === undefined || value === null || value === "" ? fallback : value === true || /^(true|1|yes)$/i.test(String(value));

/** SOAR's new_row: a JSON array is one row of cells, anything else a one-cell row. */
export function rowOf(value: unknown): ListRow {
  if (Array.isArray(value)) return value as ListRow;
  const raw = text(value);
  if (raw.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed as ListRow;
    } catch {
      /* not JSON: the text itself is the value */
    }
  }
  return [raw];
}

/** The list, value and column_index parameters of check list and remove listitem, or what is wrong. */
function target(parameter: Record<string, unknown>): { list: string; value: string; column?: number } | string {
  const list = text(parameter.list);
  const value = text(parameter.value);
  const column = columnOf(parameter.column_index);
  if (!list) return "Give the list (its name or id)";
  if (!value) return "Give the value";
  return column instanceof Error ? column.message : { list, value, column };
}

const checkList: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const t = target(parameter);
    if (typeof t === "string") return failed(t);
    const { list, value, column } = t;
    const { listId, matches } = await lists(ctx).find(list, value, { exact: truthy(parameter.exact_match, true), column });
    const summary = {
      is_in_list: matches.length > 0,
      found_matches: matches.length,
      locations: matches.map((m) => [m.rowIndex, m.columnIndex]),
      list_id: listId,
    };
    return success(
      matches.length ? `${value} is in ${list} (${matches.length} match${matches.length === 1 ? "" : "es"})` : `${value} is not in ${list}`,
      matches.map((m) => ({ matched_row: m.row, row_index: m.rowIndex, column_index: m.columnIndex })),
      summary,
    );
  });

const addListitem: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const list = text(parameter.list);
    if (!list) return failed("Give the list to add to (its name or id)");
    const row = rowOf(parameter.new_row);
    if (!row.length || row.every((c) => c === "" || c === null)) return failed("Give the new row: a value, or a JSON array of values");
    const result = await lists(ctx).append(list, [row], { create: truthy(parameter.create, false) });
    return success(
      result.created ? `Created list ${list} with the row` : `Added the row to ${list}`,
      [{ new_row: row, list_id: result.listId }],
      { list_id: result.listId, total_rows: result.rows, created: result.created },
    );
  });

const removeListitem: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const t = target(parameter);
    if (typeof t === "string") return failed(t);
    const { list, value, column } = t;
    const result = await lists(ctx).remove(list, value, { column });
    return success(
      `Removed ${result.removed} row${result.removed === 1 ? "" : "s"} from ${list}`,
      [{ removed_rows: result.removed, list_id: result.listId }],
      { removed_rows: result.removed, total_rows: result.rows, list_id: result.listId },
    );
  });

const testConnectivity: ActionHandler = async (ctx) =>
  (ctx as ListsAppContext).lists ? success("Custom lists are reachable") : failed(MISSING);

const app: AppModule = {
  actions: {
    test_connectivity: testConnectivity,
    check_list: checkList,
    add_listitem: addListitem,
    remove_listitem: removeListitem,
  },
};
export default app;
