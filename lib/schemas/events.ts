// Inputs of the analyst console: the events queue (its URL query), bulk actions, saved filters,
// cases and evidence. Shared by the pages, the queue's route handler and the server actions.
import { z } from "zod";
import { id, idParam, time } from "./common";
import { SENSITIVITIES } from "./containers";
import { SLA_STATES } from "../domain/sla-states";

export const QUEUE_SORTS = ["create_time", "update_time", "name", "id", "severity", "due_time"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** "a,b" in a URL -> ["a", "b"]; empty parts dropped. */
const list = (max: number) =>
  z
    .string()
    .max(2000)
    .transform((s) => [...new Set(s.split(",").map((p) => p.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(128)).max(max));

/** The queue as its URL says it: /events?status=new,open&owner=me&q=phish&sort=name&dir=asc. */
export const queueQuerySchema = z.object({
  label: list(20).optional(),
  status: list(20).optional(),
  severity: list(20).optional(),
  sensitivity: list(4).pipe(z.array(z.enum(SENSITIVITIES))).optional(),
  /** A user id, "me" or "none" (unassigned). */
  owner: z.union([z.enum(["me", "none"]), idParam]).optional(),
  tags: list(10).optional(),
  from: time.optional(),
  to: time.optional(),
  q: z.string().trim().max(200).optional(),
  /** Response SLA state, the manager's view's drill-down (lib/domain/sla-figures.ts). */
  sla: z.enum(SLA_STATES).optional(),
  type: z.enum(["default", "case", "all"]).default("all"),
  sort: z.enum(QUEUE_SORTS).default("create_time"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type QueueQuery = z.output<typeof queueQuerySchema>;

/** Search params of a page or request -> a plain record the schema reads (empty values dropped). */
export function queueParams(source: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = source instanceof URLSearchParams ? [...source.entries()] : Object.entries(source);
  for (const [k, v] of entries) {
    const value = Array.isArray(v) ? v.join(",") : v;
    if (value) out[k] = value;
  }
  return out;
}

/**
 * The queue's parameters without those the schema refuses (a hand-edited or outdated link:
 * `sort=severity`, `from=notadate`), with their names, so the queue falls back to its defaults
 * and says what it ignored instead of failing. A handful of rounds at most: each drops a key.
 */
export function sanitizeQueueParams(raw: Record<string, string>): { params: Record<string, string>; dropped: string[] } {
  const params = { ...raw };
  const dropped: string[] = [];
  for (;;) {
    const parsed = queueQuerySchema.safeParse(params);
    if (parsed.success) return { params, dropped };
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")).filter((k) => k in params));
    if (bad.size === 0) return { params: {}, dropped: Object.keys(raw) };
    for (const k of bad) {
      delete params[k];
      dropped.push(k);
    }
  }
}

export const bulkActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("owner"), owner_id: id.nullable() }),
  z.object({ kind: z.literal("status"), status: z.string().trim().min(1).max(64) }),
  z.object({ kind: z.literal("severity"), severity: z.string().trim().min(1).max(64) }),
  z.object({ kind: z.literal("close"), reason: z.string().trim().min(1, "give a reason for closing").max(2000) }),
  z.object({ kind: z.literal("case"), case_id: id }),
]);
export type BulkAction = z.output<typeof bulkActionSchema>;

export const bulkSchema = z.object({
  ids: z.array(id).min(1, "select at least one event").max(500, "at most 500 events at a time"),
  action: bulkActionSchema,
});

export const savedFilterSchema = z.object({
  name: z.string().trim().min(1, "name the filter").max(80),
  /** The queue's query string without cursor, e.g. "status=new&owner=me". */
  query: z.string().max(2000),
});
export const savedFilterIdSchema = z.object({ id });

export const EVIDENCE_TYPES = ["artifact", "note", "attachment"] as const;
export const evidenceSchema = z.object({
  case_id: id,
  object_type: z.enum(EVIDENCE_TYPES),
  object_id: id,
  evidence: z.boolean(),
});

export const promoteSchema = z.object({ id });
export const addToCaseSchema = z.object({ case_id: id, ids: z.array(id).min(1).max(500) });
