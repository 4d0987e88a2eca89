// The one permission matrix. Every page, server action and route asks `can(role, permission)`
// on the server; navigation only hides what the matrix already refuses.
export const ROLES = ["administrator", "manager", "analyst", "asset_owner", "observer", "automation"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: "Administrator",
  manager: "Manager",
  analyst: "Analyst",
  asset_owner: "Asset owner",
  observer: "Observer",
  automation: "Automation",
};

export const PERMISSIONS = [
  "console.view",
  "containers.read",
  "containers.write",
  "containers.delete",
  "indicators.read",
  "playbooks.read",
  "playbooks.write",
  "playbooks.run",
  "apps.read",
  "apps.write",
  "actions.run",
  "assets.manage",
  "approvals.read",
  "approvals.respond",
  "workbooks.read",
  "workbooks.write",
  "sla.read",
  "audit.read",
  "admin.users",
  "admin.settings",
  "lists.read",
  "lists.write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  "containers.read", "indicators.read", "playbooks.read", "apps.read", "approvals.read", "workbooks.read",
  "lists.read",
];

const MATRIX: Record<Role, ReadonlySet<Permission>> = {
  administrator: new Set(PERMISSIONS),
  manager: new Set<Permission>([
    "console.view", ...READ, "containers.write", "playbooks.run", "actions.run", "approvals.respond",
    "workbooks.write", "sla.read", "audit.read", "lists.write",
  ]),
  // Analysts read the activity timeline (audit.read) of the events they work on; asset owners
  // and automation accounts do not see who did what.
  analyst: new Set<Permission>(["console.view", ...READ, "containers.write", "playbooks.run", "actions.run", "audit.read", "lists.write"]),
  asset_owner: new Set<Permission>(["console.view", ...READ, "approvals.respond"]),
  observer: new Set<Permission>(["console.view", ...READ, "sla.read", "audit.read"]),
  // Automation accounts only talk to the REST API; they never get a console session.
  automation: new Set<Permission>([...READ, "containers.write", "playbooks.run", "actions.run", "lists.write"]),
};

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[role].has(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
