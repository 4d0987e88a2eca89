// An asset's "test connectivity": the app's test action as an action run in no container, run
// by the worker of the running `vigil start`, readable through REST like any other run.
import { describe, expect, it } from "vitest";
import { SYSTEM } from "@/lib/domain/actor";
import { testAssetConnectivity } from "@/lib/domain/action-runs";
import { actionRunView } from "@/lib/domain/action-runs-view";
import { tokenClient, unique } from "@/lib/rest/rest-test-kit";
import { waitFor } from "@/lib/testing/action-kit";

describe("test connectivity", () => {
  it("runs the app's test action on the asset without a container and reports its message", async () => {
    const admin = await tokenClient("administrator");
    const name = unique("lists-test");
    const created = await admin.call("POST", "/rest/asset", { name, product_vendor: "Vigil", product_name: "Custom Lists" });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const run = await testAssetConnectivity(created.body.id, SYSTEM);
    expect(run.containerId).toBeNull();
    const view = await waitFor("the test to finish", async () => {
      const v = await actionRunView(run.id);
      return v.status !== "pending" && v.status !== "running" ? v : null;
    });
    expect(view.status).toBe("success");
    expect(view.appRuns[0]!.results[0]!.message).toBe("Custom lists are reachable");
    const rest = await admin.call("GET", `/rest/action_run/${run.id}`);
    expect(rest.body).toMatchObject({ action: "test connectivity", container: null, status: "success" });

    await admin.call("POST", `/rest/asset/${created.body.id}`, { disabled: true });
    await expect(testAssetConnectivity(created.body.id, SYSTEM)).rejects.toThrow(/is disabled/);
  }, 60_000);
});
