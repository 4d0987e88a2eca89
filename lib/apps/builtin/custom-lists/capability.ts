// The capability the custom lists app needs and the child-process SDK does not offer yet:
// reading and changing Vigil's custom lists. It is one more optional member of the AppContext
// (`ctx.lists`), plain data in and out so it can cross the worker/child process boundary as
// three async calls. `host.ts` implements it on Vigil's side over lib/domain/custom-lists.
import type { AppContext } from "@/lib/apps/sdk";

/** A cell of a list: SOAR lists hold scalars. */
export type ListCell = string | number | boolean | null;
export type ListRow = ListCell[];

export interface ListMatch {
  row: ListRow;
  rowIndex: number;
  columnIndex: number;
}

/**
 * Calls reject with an Error whose `kind` says what went wrong, as lib/domain's DomainError
 * does ("not_found" for a missing list, "invalid", "conflict", "too_large"); an Error without a
 * kind is trouble reaching the database, which the app reports as transient (retry).
 */
export interface ListsCapability {
  /** Cells equal to `value` (or containing it when `exact` is false), in `column` only when given. */
  find(list: string, value: string, opts: { exact: boolean; column?: number }): Promise<{ listId: number; matches: ListMatch[] }>;
  /** Appends rows; with `create`, a missing list is created holding them. */
  append(list: string, rows: ListRow[], opts: { create: boolean }): Promise<{ listId: number; rows: number; created: boolean }>;
  /** Removes every row with a cell equal to `value` (in `column` only, when given). */
  remove(list: string, value: string, opts: { column?: number }): Promise<{ listId: number; removed: number; rows: number }>;
}

/** The AppContext as the custom lists app sees it: `lists` is there once the runner wires it. */
export interface ListsAppContext extends AppContext {
  readonly lists?: ListsCapability;
}
