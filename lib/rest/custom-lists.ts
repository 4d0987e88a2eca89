// The REST shape of a custom list (SOAR's decided_list) and how a route reads "<id or name>".
import type { CustomListRecord, ListRef } from "../domain/custom-lists";
import { DomainError } from "../domain/errors";
import type { RestContext } from "./with-rest";

export function customListToRest(l: CustomListRecord) {
  return {
    id: l.id,
    name: l.name,
    content: l.content,
    create_time: l.createdAt.toISOString(),
    modified_time: l.updatedAt.toISOString(),
  };
}

/** The list addressed by the last path segment: digits are an id, anything else a name. */
export function listRef(ctx: RestContext): ListRef {
  const segment = ctx.url.pathname.split("/").filter(Boolean).pop() ?? "";
  let ref: string;
  try {
    ref = decodeURIComponent(segment);
  } catch {
    throw new DomainError("not_found", `no such list: "${segment}" is not a valid name`);
  }
  return /^\d{1,10}$/.test(ref) ? Number(ref) : ref;
}
