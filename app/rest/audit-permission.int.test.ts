// The audit trail is readable with audit.read only: administrators, managers, analysts and
// observers; asset owners and automation accounts read containers but not who did what.
import { beforeAll, describe, expect, it } from "vitest";
import { can, type Role } from "@/lib/auth/permissions";
import { investigation } from "@/lib/domain/investigation";
import { tokenClient, type Client } from "@/lib/rest/rest-test-kit";

let containerId: number;
const clients = new Map<Role, Client>();

beforeAll(async () => {
  for (const role of ["administrator", "manager", "analyst", "observer", "asset_owner", "automation"] as const) {
    clients.set(role, await tokenClient(role));
  }
  const created = await clients.get("automation")!.call("POST", "/rest/container", { name: "audited" });
  containerId = created.body.id;
});

describe("audit.read", () => {
  it.each(["administrator", "manager", "analyst", "observer"] as const)("lets %s read a container's audit trail", async (role) => {
    const res = await clients.get(role)!.call("GET", `/rest/container/${containerId}/audit`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: { action: string }) => a.action)).toContain("container.create");
  });

  it.each(["asset_owner", "automation"] as const)("refuses %s the audit trail with 403, though it reads the container", async (role) => {
    expect((await clients.get(role)!.call("GET", `/rest/container/${containerId}`)).status).toBe(200);
    const res = await clients.get(role)!.call("GET", `/rest/container/${containerId}/audit`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ failed: true });
  });

  it("leaves the activity timeline out of the investigation page for roles without it", async () => {
    const forOwner = await investigation(containerId, { timeline: can("asset_owner", "audit.read") });
    expect(forOwner.timeline).toBeNull();
    const forAnalyst = await investigation(containerId, { timeline: can("analyst", "audit.read") });
    expect(forAnalyst.timeline!.map((e) => e.action)).not.toHaveLength(0);
  });
});
