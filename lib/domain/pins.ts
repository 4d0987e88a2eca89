// HUD pins: short values pinned to the head of a container's investigation page (a score, a
// verdict, "VIP user"), by analysts or playbooks, as SOAR's HUD has them. Each change writes an
// audit row on the container's chain.
import type { ContainerPin } from "@prisma/client";
import { db, type Tx } from "../db/client";
import type { NewPin, PinUpdate } from "../schemas/pins";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";
import { inTransaction } from "./transactions";
import { Prisma } from "@prisma/client";

export type PinRecord = ContainerPin & { authorName: string | null };

const SELECT = Prisma.sql`p.id, p.container_id as "containerId", p.author_id as "authorId", u.username as "authorName",
  p.name, p.message, p.data, p.pin_type as "pinType", p.pin_style as "pinStyle", p.position,
  p.create_time as "createdAt", p.update_time as "updatedAt"`;
const FROM = Prisma.sql`container_pins p left join users u on u.id = p.author_id`;

export const PIN_FIELDS: FieldMap = {
  id: field("p.id", "int"),
  container: field("p.container_id", "int"),
  container_id: field("p.container_id", "int"),
  author: field("p.author_id", "int"),
  name: field("p.name", "text"),
  message: field("p.message", "text"),
  data: field("p.data", "text"),
  pin_type: field("p.pin_type", "text"),
  pin_style: field("p.pin_style", "text"),
  order: field("p.position", "int"),
  create_time: field("p.create_time", "time"),
  modified_time: field("p.update_time", "time"),
};

export function listPins(query: ListQuery, containerId?: number): Promise<Page<PinRecord>> {
  // Pins show in their HUD order unless the client sorts otherwise.
  const q = query.sort ? query : { ...query, sort: "order" };
  return runList<PinRecord>({
    select: SELECT, from: FROM, fields: PIN_FIELDS, query: q, idColumn: Prisma.sql`p.id`,
    scope: containerId === undefined ? [] : [Prisma.sql`p.container_id = ${containerId}`],
  });
}

export async function getPin(id: number): Promise<PinRecord> {
  const rows = await db.$queryRaw<PinRecord[]>`select ${SELECT} from ${FROM} where p.id = ${id}`;
  if (!rows[0]) throw new DomainError("not_found", `container pin ${id} does not exist`);
  return rows[0];
}

export async function addPin(input: NewPin, actor: Actor): Promise<ContainerPin> {
  return inTransaction((tx) => insertPin(tx, input, actor), {
    violations: { "23503": new DomainError("invalid", `container_id: container ${input.container_id} does not exist`, "container_id") },
  });
}

/** Adds a pin inside the caller's transaction (a playbook step commits it with its own record). */
export async function insertPin(tx: Tx, input: NewPin, actor: Actor): Promise<ContainerPin> {
  const pin = await tx.containerPin.create({
    data: {
      containerId: input.container_id, authorId: actor.id, name: input.name, message: input.message, data: input.data,
      pinType: input.pin_type, pinStyle: input.pin_style, position: input.order,
    },
  });
  await appendAudit(tx, actor, {
    action: "pin.create", objectType: "pin", objectId: pin.id, containerId: pin.containerId, detail: { message: pin.message, data: pin.data },
  });
  return pin;
}

export async function updatePin(id: number, patch: PinUpdate, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const before = await tx.containerPin.findUnique({ where: { id }, select: { containerId: true } });
    if (!before) throw new DomainError("not_found", `container pin ${id} does not exist`);
    await tx.containerPin.update({
      where: { id },
      data: { name: patch.name, message: patch.message, data: patch.data, pinType: patch.pin_type, pinStyle: patch.pin_style, position: patch.order },
    });
    await appendAudit(tx, actor, {
      action: "pin.update", objectType: "pin", objectId: id, containerId: before.containerId, detail: JSON.parse(JSON.stringify(patch)),
    });
  });
}

/** Unpins; `containerId`, when given, must be the pin's container (the console's unpin button). */
export async function deletePin(id: number, actor: Actor, containerId?: number): Promise<void> {
  await inTransaction(async (tx) => {
    const pin = await tx.containerPin.findUnique({ where: { id }, select: { containerId: true, message: true } });
    if (!pin || (containerId !== undefined && pin.containerId !== containerId)) throw new DomainError("not_found", `container pin ${id} does not exist`);
    await tx.containerPin.delete({ where: { id } });
    await appendAudit(tx, actor, { action: "pin.delete", objectType: "pin", objectId: id, containerId: pin.containerId, detail: { message: pin.message } });
  });
}
