// In-app notifications (the bell in the console's header): assigned to you, approval or prompt
// waiting, SLA at risk or breached, approval escalated, a task assigned, a mention in a note.
// Written in the transaction of the change they announce, so a rolled-back change never notifies; the NOTIFY wakes open consoles at commit.
import type { Notification } from "@prisma/client";
import { db, type Tx } from "../db/client";
import { DomainError } from "./errors";
import type { NotificationKind } from "./notification-kinds";

/** Open consoles hear of new notifications as the "notifications" topic of the live channel (lib/db/live.ts). */
const LIVE_CHANNEL = "vigil_live";

export interface NewNotification {
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string;
  objectType?: string;
  objectId?: number;
}

export async function notifyUsers(tx: Tx, userIds: Iterable<number>, n: NewNotification): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: ids.map((userId) => ({
      userId, kind: n.kind, title: n.title.slice(0, 500), body: (n.body ?? "").slice(0, 2000), link: n.link ?? "",
      objectType: n.objectType ?? null, objectId: n.objectId ?? null,
    })),
  });
  await tx.$executeRaw`select pg_notify(${LIVE_CHANNEL}, 'notifications')`;
  return count;
}

/** Who hears about a user's breaches: their manager, or every manager when none is set. */
export async function managersOf(tx: Tx, userIds: (number | null)[]): Promise<number[]> {
  const owners = userIds.filter((u): u is number => u !== null);
  const set = owners.length ? await tx.user.findMany({ where: { id: { in: owners } }, select: { managerId: true } }) : [];
  const named = set.map((u) => u.managerId).filter((m): m is number => m !== null);
  if (named.length && named.length === set.length) return named;
  const all = await tx.user.findMany({ where: { role: "manager", disabled: false }, select: { id: true } });
  return [...named, ...all.map((u) => u.id)];
}

/** Enabled users named by owner entries ([{user: id} | {role: name}]), as assets and approvals hold them. */
export async function usersOf(tx: Tx, owners: unknown): Promise<number[]> {
  const list = Array.isArray(owners) ? (owners as { user?: unknown; role?: unknown }[]) : [];
  const ids = list.map((o) => o.user).filter((u): u is number => typeof u === "number");
  const roles = list.map((o) => o.role).filter((r): r is string => typeof r === "string");
  if (!ids.length && !roles.length) return [];
  const users = await tx.user.findMany({
    where: { disabled: false, OR: [{ id: { in: ids } }, ...(roles.length ? [{ role: { in: roles as never[] } }] : [])] },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

export async function listNotifications(userId: number, limit = 30): Promise<{ unread: number; items: Notification[] }> {
  const [unread, items] = await Promise.all([
    db.notification.count({ where: { userId, readAt: null } }),
    db.notification.findMany({ where: { userId }, orderBy: { id: "desc" }, take: limit }),
  ]);
  return { unread, items };
}

/** Marks one notification (or, without an id, all of them) read for its user. */
export async function markRead(userId: number, id?: bigint): Promise<void> {
  if (id === undefined) {
    await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
    return;
  }
  const { count } = await db.notification.updateMany({ where: { id, userId }, data: { readAt: new Date() } });
  if (!count) throw new DomainError("not_found", `notification ${id} does not exist`);
}
