// Building blocks shared by the REST, form and server-action schemas: database-safe ids,
// times, JSON objects and Phantom's habit of sending null for "not given".
import { z } from "zod";

/** A positive id that fits PostgreSQL's int4. */
export const id = z.number({ error: "expected an integer id" }).int("expected an integer id").positive().max(2_147_483_647);

/** Path segments arrive as text. */
export const idParam = z
  .string()
  .regex(/^\d{1,10}$/, "expected a numeric id")
  .transform(Number)
  .pipe(id);

export const time = z
  .string()
  .max(64)
  .refine((s) => {
    const d = new Date(s);
    return !Number.isNaN(d.getTime()) && Math.abs(d.getUTCFullYear()) < 10000;
  }, "expected an ISO 8601 time such as 2026-01-31T12:00:00Z");

export const jsonObject = z.record(z.string().max(256), z.unknown());

/** Optional in Phantom's sense: missing and null both mean "use the default". */
export function opt<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return schema.nullish().transform((v) => (v ?? fallback) as z.output<T>);
}

export const tags = z.array(z.string().trim().min(1).max(128)).max(100);

/** The first problem in a zod error, phrased for a person. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : "invalid input";
}
