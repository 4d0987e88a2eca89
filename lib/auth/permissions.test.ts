import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "./permissions";

describe("permission matrix", () => {
  it("gives administrators everything", () => {
    for (const p of PERMISSIONS) expect(can("administrator", p)).toBe(true);
  });

  it("keeps administration to administrators", () => {
    for (const role of ROLES.filter((r) => r !== "administrator")) expect(can(role, "admin.users")).toBe(false);
  });

  it("lets observers read but never write", () => {
    expect(can("observer", "containers.read")).toBe(true);
    const writes = PERMISSIONS.filter((p) => /write|delete|run|respond|admin/.test(p));
    for (const p of writes) expect(can("observer", p)).toBe(false);
  });

  it("keeps automation out of the console", () => {
    expect(can("automation", "console.view")).toBe(false);
    expect(can("automation", "containers.write")).toBe(true);
  });

  it("lets asset owners answer approvals, not analysts' work", () => {
    expect(can("asset_owner", "approvals.respond")).toBe(true);
    expect(can("asset_owner", "containers.write")).toBe(false);
    expect(can("analyst", "approvals.respond")).toBe(false);
  });

  it("shows the audit trail to those who work or review events, not to asset owners or automation", () => {
    for (const role of ["administrator", "manager", "analyst", "observer"] as const) expect(can(role, "audit.read")).toBe(true);
    for (const role of ["asset_owner", "automation"] as const) expect(can(role, "audit.read")).toBe(false);
  });
});
