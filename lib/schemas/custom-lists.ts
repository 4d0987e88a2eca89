// Custom lists (SOAR's decided lists): the REST bodies of POST /rest/decided_list and
// POST /rest/decided_list/<id or name>, shared with the console's server actions.
import { z } from "zod";

export const MAX_LIST_ROWS = 100_000;
export const MAX_LIST_COLUMNS = 256;

/** One cell: a scalar, as SOAR stores them (JSON null, text, number, boolean). */
export const listCell = z.union([z.string().max(8192, "a cell holds at most 8192 characters"), z.number(), z.boolean(), z.null()]);
export type ListCell = z.infer<typeof listCell>;
export type ListRow = ListCell[];

const row = z.array(listCell).max(MAX_LIST_COLUMNS, `a row has at most ${MAX_LIST_COLUMNS} columns`);

/** Rows where a bare value stands for a one-cell row (SOAR transforms them so in append_rows). */
export const listRows = z
  .array(z.union([row, listCell]))
  .max(MAX_LIST_ROWS, `a list holds at most ${MAX_LIST_ROWS} rows`)
  .transform((rows) => rows.map((r) => (Array.isArray(r) ? r : [r])));

/**
 * A list's whole content: a 2-D array. SOAR wraps a flat array of values into one row
 * (["a", "b"] becomes [["a", "b"]]); a mix of rows and values keeps each value as its own row.
 */
export const listContent = z
  .array(z.union([row, listCell]))
  .max(MAX_LIST_ROWS, `a list holds at most ${MAX_LIST_ROWS} rows`)
  .transform((rows): ListRow[] =>
    rows.length && rows.every((r) => !Array.isArray(r)) ? [rows as ListRow] : rows.map((r) => (Array.isArray(r) ? r : [r])),
  );

export const listName = z
  .string({ error: "name: expected the list's name" })
  .trim()
  .min(1, "a list needs a name")
  .max(128, "a list name has at most 128 characters")
  // A name of digits only would read as an id in /rest/decided_list/<id or name>.
  .refine((n) => !/^\d+$/.test(n), "a list name may not be only digits (it would read as an id)")
  .refine((n) => !n.includes("/"), "a list name may not contain '/'");

export const createListSchema = z.object({ name: listName, content: listContent.default([]) });

/** Update in place: a full replacement (`content`, `name`) and/or row edits, as SOAR's API takes them. */
export const updateListSchema = z
  .object({
    name: listName.optional(),
    content: listContent.optional(),
    append_rows: listRows.optional(),
    delete_rows: z.array(z.number().int().min(0, "delete_rows: row indexes start at 0")).max(MAX_LIST_ROWS).optional(),
    update_rows: z.record(z.string().regex(/^\d+$/, "update_rows: keys are row indexes"), row).optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "send content, name, append_rows, delete_rows or update_rows",
  );
export type ListUpdate = z.output<typeof updateListSchema>;

/** GET /rest/decided_list/<id or name> (and each item of the list view). */
export const customListOut = z.object({
  id: z.number().int(), name: z.string(), content: z.array(z.array(listCell)), create_time: z.string(), modified_time: z.string(),
});

// ---- the console's server actions ---------------------------------------------------------
const listId = z.coerce.number().int().positive().max(2_147_483_647);

export const listIdSchema = z.object({ id: listId });

/** A row typed in the console: one text per column; trailing empty columns are dropped. */
export const appendRowSchema = z.object({
  id: listId,
  row: z
    .array(z.string().trim().max(8192, "a cell holds at most 8192 characters"))
    .max(MAX_LIST_COLUMNS)
    .transform((cells) => {
      const last = cells.findLastIndex((c) => c !== "");
      return cells.slice(0, last + 1);
    })
    .refine((cells) => cells.length > 0, "type at least one value"),
});

/** Removing a row names its index and what the page showed there, so a stale page cannot remove another row. */
export const removeRowSchema = z.object({ id: listId, index: z.number().int().min(0), row: z.array(listCell) });
