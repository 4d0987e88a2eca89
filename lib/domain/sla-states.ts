// The response SLA states of the manager's view (lib/domain/sla-figures.ts says what each means).
// Kept apart from the SQL so the queue's URL schema and client components can import them.
export const SLA_STATES = ["breached", "at_risk", "met", "on_track"] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const SLA_STATE_NAMES: Record<SlaState, string> = { breached: "Breached", at_risk: "At risk", met: "Met", on_track: "On track" };

/** The periods the dashboard offers, in days. */
export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

/** `?days=7|30|90` of the dashboard and its export; anything else is the default month. */
export function periodOf(raw: string | string[] | null | undefined): Period {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return (PERIODS as readonly number[]).includes(n) ? (n as Period) : 30;
}
