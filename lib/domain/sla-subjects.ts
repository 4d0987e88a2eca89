// What an SLA clock is about, for the people told of it: its name, owners, link and what to call
// it. Shared by the breach (./sla.ts) and the at-risk warning (./sla-at-risk.ts).
import type { Tx } from "../db/client";
import { usersOf } from "./notifications";

export interface ClockSubject { name: string; owners: number[]; link: string; label: string }

const one = (id: number | null) => (id === null ? [] : [id]);

export async function clockSubject(tx: Tx, objectType: string, objectId: number): Promise<ClockSubject | null> {
  if (objectType === "container") {
    const [c] = await tx.$queryRaw<{ name: string; owner_id: number | null }[]>`select name, owner_id from containers where id = ${objectId}`;
    return c ? { name: c.name, owners: one(c.owner_id), link: `/events/${objectId}`, label: "event" } : null;
  }
  if (objectType === "phase" || objectType === "task") {
    const rows = objectType === "phase"
      ? await tx.$queryRaw<{ name: string; owner_id: number | null; container_id: number }[]>`select name, owner_id, container_id from workbook_phases where id = ${objectId}`
      : await tx.$queryRaw<{ name: string; owner_id: number | null; container_id: number }[]>`select name, owner_id, container_id from workbook_tasks where id = ${objectId}`;
    const r = rows[0];
    return r ? { name: r.name, owners: one(r.owner_id), link: `/events/${r.container_id}#workbook`, label: objectType } : null;
  }
  if (objectType === "prompt") {
    // A prompt is owned by the user or the members of the role it names.
    const [p] = await tx.$queryRaw<{ message: string; owners: number[] }[]>`
      select coalesce(cb.detail->>'message', '') as message,
        coalesce((select array_agg(u.id) from users u where not u.disabled
          and (u.username = cb.detail->'approver'->>'user' or u.role::text = cb.detail->'approver'->>'role')), '{}') as owners
      from playbook_callbacks cb where cb.id = ${objectId}`;
    return p ? { name: p.message.slice(0, 80) || `prompt ${objectId}`, owners: p.owners, link: "/approvals", label: "prompt" } : null;
  }
  if (objectType === "approval") {
    const [a] = await tx.$queryRaw<{ approvers: unknown; action: string; asset: string }[]>`
      select ap.approvers, r.action, s.name as asset from approvals ap join action_runs r on r.id = ap.action_run_id join assets s on s.id = ap.asset_id
      where ap.id = ${objectId} and ap.status = 'pending'`;
    return a ? { name: `${a.action} on ${a.asset}`, owners: await usersOf(tx, a.approvers), link: "/approvals", label: "approval" } : null;
  }
  return null;
}
