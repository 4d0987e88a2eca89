// The kinds of notification, as people choose them on /account (which reach them by email).
// No server imports: the account form renders the same list.
export const NOTIFICATION_KINDS = {
  assigned: "An event assigned to you",
  task_assigned: "A workbook task assigned to you",
  mention: "A mention of you (@name) in a note",
  approval: "An approval waiting for you, or your request answered",
  approval_escalated: "An approval escalated to you",
  prompt: "A playbook prompt waiting for your answer",
  sla_at_risk: "An SLA of yours at risk",
  sla_breached: "An SLA breached",
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
