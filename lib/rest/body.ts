// Reading a REST request body: a size limit (413 before the body is buffered when
// Content-Length says so, and while streaming when it does not), JSON that must parse (400),
// and text PostgreSQL cannot store (NUL characters) or JSON nested too deeply for jsonb
// refused with a 400 naming the field, before any of it reaches the database.
import type { z } from "zod";
import { DomainError } from "../domain/errors";

/** VIGIL_REST_MAX_BODY_MB (default 10): the largest JSON body a /rest route reads. */
export function restMaxBodyBytes(): number {
  const mb = Number(process.env.VIGIL_REST_MAX_BODY_MB || 10);
  return (Number.isFinite(mb) && mb > 0 ? mb : 10) * 1024 * 1024;
}

const MAX_DEPTH = 32;

export async function readBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const tooLarge = () => new DomainError("too_large", `the request body is larger than ${limit} bytes`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export function checkValue(value: unknown, path: string, depth: number): void {
  if (typeof value === "string") {
    if (value.includes("\0")) throw new DomainError("invalid", `${path || "body"}: text may not contain NUL characters`, path);
    return;
  }
  if (!value || typeof value !== "object") return;
  if (depth > MAX_DEPTH) throw new DomainError("invalid", `${path || "body"}: JSON nested deeper than ${MAX_DEPTH} levels`, path);
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, `${path}[${i}]`, depth + 1));
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (k.includes("\0")) throw new DomainError("invalid", `${path || "body"}: keys may not contain NUL characters`, path);
    checkValue(v, p, depth + 1);
  }
}

export async function readJson(request: Request, limit: number): Promise<unknown> {
  const raw = (await readBody(request, limit)).toString("utf8");
  if (!raw.trim()) throw new DomainError("invalid", "the request body is empty: send a JSON document");
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new DomainError("invalid", `malformed JSON: ${(err as Error).message}`);
  }
  checkValue(value, "", 0);
  return value;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

/** Validates with a zod schema; the 400 names the first field that is wrong. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = fieldPath(issue.path);
  throw new DomainError("invalid", where ? `${where}: ${issue.message}` : issue.message, where || undefined);
}
