import { describe, expect, it } from "vitest";
import { actionsFor, type CatalogAction } from "./catalog";

const action = (name: string, parameters: { name: string; contains: string[]; primary?: boolean }[]): CatalogAction => ({
  action: name, appId: 1, appName: "App", description: "", type: "investigate", assets: [{ id: 1, name: "a" }],
  parameters: parameters.map((p) => ({ data_type: "string", description: "", required: false, primary: false, ...p })),
});

describe("actions offered for a CEF value", () => {
  it("offers the actions whose parameter contains one of the value's types, filling the primary one", () => {
    const catalog = [
      action("lookup domain", [{ name: "domain", contains: ["host name", "domain"], primary: true }]),
      action("geolocate ip", [{ name: "ip", contains: ["ip"] }]),
      action("check list", [{ name: "list", contains: [] }, { name: "other", contains: ["domain"] }, { name: "value", contains: ["domain", "ip"], primary: true }]),
    ];
    expect(actionsFor(catalog, ["domain"]).map((m) => [m.action.action, m.parameter])).toEqual([["lookup domain", "domain"], ["check list", "value"]]);
    expect(actionsFor(catalog, ["ip"]).map((m) => m.action.action)).toEqual(["geolocate ip", "check list"]);
    expect(actionsFor(catalog, [])).toEqual([]);
  });
});
