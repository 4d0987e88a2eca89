// Durable SLA clocks (the sla_timers table): started, paused and stopped inside the transaction
// of the change that causes them. Containers' and tasks' clocks are also moved by database
// triggers (migration 20261202150000), so every path that creates a container or changes its
// status keeps its clock right; approvals start theirs here. Work on a container (phases, tasks,
// approvals) counts in the calendar of the container's severity (migration 20261204400200).
import type { Tx } from "../db/client";

export type TimerObject = "container" | "task" | "approval" | "prompt";

/**
 * Starts (or restarts from zero, to be warned again when at risk) the clock of an object, due
 * `minutes` from now, counted in the business-hours calendar `calendarId` (./sla-calendars.ts;
 * null: wall-clock time). Left out, the clock counts in the calendar of its container's severity,
 * as the container's own response SLA does.
 */
export async function startTimer(tx: Tx, objectType: TimerObject, objectId: number, containerId: number | null, minutes: number, calendar?: number | null): Promise<Date> {
  const budget = BigInt(Math.round(minutes * 60_000));
  const calendarId = calendar !== undefined ? calendar : await containerCalendar(tx, containerId);
  const [row] = await tx.$queryRaw<{ due_at: Date }[]>`
    insert into sla_timers (object_type, object_id, container_id, budget_ms, used_ms, running_since, due_at, state, fired_at, calendar_id)
    values (${objectType}, ${objectId}, ${containerId}, ${budget}, 0, now(),
      vigil_business_add(${calendarId}::int, now(), ${budget}::bigint), 'running', null, ${calendarId}::int)
    on conflict (object_type, object_id) do update set budget_ms = excluded.budget_ms, used_ms = 0, running_since = now(),
      due_at = excluded.due_at, state = 'running', fired_at = null, calendar_id = excluded.calendar_id, risk_notified_at = null
    returning due_at`;
  return row!.due_at;
}

/** The business-hours calendar of a container's severity (null: none, or no container). */
export async function containerCalendar(tx: Tx, containerId: number | null): Promise<number | null> {
  if (containerId === null) return null;
  const [r] = await tx.$queryRaw<{ cal: number | null }[]>`
    select sv.sla_calendar_id as cal from containers c join severities sv on sv.name = c.severity where c.id = ${containerId}`;
  return r?.cal ?? null;
}

/** Stops a clock that has not fired: the object met its SLA (or no longer needs one). */
export async function stopTimer(tx: Tx, objectType: TimerObject, objectId: number, state: "met" | "cancelled" = "met"): Promise<void> {
  await tx.$executeRaw`
    update sla_timers set state = ${state}, due_at = null,
      used_ms = used_ms + vigil_business_ms(calendar_id, running_since, now()), running_since = null
    where object_type = ${objectType} and object_id = ${objectId} and state in ('running', 'paused')`;
}

/** Share of the budget used so far (1 = due now), for "at risk" in the manager's view. */
export const USED_SQL = `case when t.budget_ms = 0 then 1 else
  (t.used_ms + vigil_business_ms(t.calendar_id, t.running_since, now())) / t.budget_ms::float8 end`;
