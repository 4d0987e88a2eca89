// SOAR's field syntax: GET /rest/<type>/<id>/<field> answers {<field>: value} for any field of
// the object's REST shape (/rest/container/5/name -> {"name": "..."}). Sub-resources such as
// /rest/container/<id>/artifacts are their own routes, which Next.js matches before this one.
import type { Permission } from "../auth/permissions";
import { DomainError } from "../domain/errors";
import { withRest } from "./with-rest";

export function pickField(shape: Record<string, unknown>, field: string, what: string): Record<string, unknown> {
  if (!Object.hasOwn(shape, field)) {
    throw new DomainError("not_found", `a ${what} has no field "${field}"; fields: ${Object.keys(shape).join(", ")}`);
  }
  return { [field]: shape[field] };
}

/** The GET handler of /rest/<type>/[id]/[field], reading the object's detail shape with `load`. */
export function fieldRoute(permission: Permission, what: string, load: (id: number) => Promise<Record<string, unknown>>) {
  return withRest(permission, async (ctx) => pickField(await load(ctx.id()), ctx.param("field"), what));
}
