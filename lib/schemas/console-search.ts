// Query strings of the console's search page and indicator pages. Search params arrive as
// string | string[] | undefined; a repeated parameter keeps its first value.
import { z } from "zod";
import { SEARCH_KINDS } from "../domain/search";
import { idParam } from "./common";

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) => z.preprocess(first, z.string().trim().max(max).catch("").default(""));

export const searchParamsSchema = z.object({
  q: text(200),
  /** Show one kind only, with more results. */
  kind: z.preprocess(first, z.enum(SEARCH_KINDS).optional().catch(undefined)),
});

/** `after` is "<last seen ISO time>_<id>" of the previous page's last row. */
const cursor = z.preprocess(
  first,
  z.string().regex(/^[0-9TZ:.-]{10,30}_\d{1,10}$/).transform((s) => {
    const [t, id] = s.split("_");
    const lastSeen = new Date(t!);
    return Number.isNaN(lastSeen.getTime()) ? undefined : { lastSeen, id: Number(id) };
  }).optional().catch(undefined),
);

export const indicatorListSchema = z.object({
  type: text(64),
  value: text(200),
  after: cursor,
});

export const indicatorPageSchema = z.object({
  id: idParam,
  page: z.preprocess(first, z.coerce.number().int().min(0).max(100_000).catch(0).default(0)),
});

export function cursorParam(c: { lastSeen: Date; id: number }): string {
  return `${c.lastSeen.toISOString()}_${c.id}`;
}
