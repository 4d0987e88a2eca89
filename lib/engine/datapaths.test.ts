import { describe, expect, it } from "vitest";
import { collect, type RunData } from "./collect";
import { condition, parseLiteral } from "./condition";
import { getPath, parseDatapath } from "./datapaths";
import { format } from "./format";

const data = (): RunData => ({
  container: { id: 7, name: "Phishing", severity: "high", owner: { name: "ana" } },
  artifacts: [
    { id: 11, name: "a1", cef: { sourceAddress: "10.0.0.1", destinationDnsDomain: "evil.com" }, tags: ["bad"] },
    { id: 12, name: "a2", cef: { sourceAddress: "10.0.0.2" }, tags: [] },
    { id: 13, name: "a3", cef: { sourceAddress: "192.168.1.5", destinationDnsDomain: "ok.org" }, tags: ["fine", "bad"] },
  ],
  blocks: {
    geolocate_ip_1: {
      kind: "action",
      results: [
        { status: "success", message: "ok", parameter: { ip: "10.0.0.1", context: { artifact_id: 11 } }, data: [{ country: "FR" }, { country: "DE" }], summary: { total: 2 } },
        { status: "failed", message: "no route", parameter: { ip: "10.0.0.2", context: { artifact_id: 12 } }, data: [], summary: {} },
      ],
    },
    format_1: { kind: "format", text: "a\nb", list: ["a", "b"] },
    code_1: { kind: "code", outputs: { score: 42, names: ["x", "y"] } },
    cf_1: { kind: "cf", results: [{ success: true, message: "", data: [{ item: "i1" }, { item: "i2" }] }] },
    child_1: { kind: "playbook", outputs: { verdict: ["malicious", "benign"] } },
  },
  inputs: { url: ["http://a", "http://b"] },
  lists: { blocked: [["10.0.0.2", "x"], ["8.8.8.8"]] },
});

describe("datapaths", () => {
  it("parses every form the issue lists", () => {
    expect(parseDatapath("artifact:*.cef.sourceAddress")).toEqual({ kind: "artifact", path: ["cef", "sourceAddress"] });
    expect(parseDatapath("container:owner.name")).toEqual({ kind: "container", path: ["owner", "name"] });
    expect(parseDatapath("Geolocate_IP_1:action_result.data.*.country")).toEqual({ kind: "action_result", block: "geolocate_ip_1", part: "data", path: ["country"] });
    expect(parseDatapath("g:action_result.parameter.context.artifact_id")).toMatchObject({ part: "parameter", path: ["context", "artifact_id"] });
    expect(parseDatapath("g:action_result.summary.responses.0")).toMatchObject({ part: "summary", path: ["responses", 0] });
    expect(parseDatapath("g:action_result.status")).toMatchObject({ part: "status" });
    expect(parseDatapath("filtered-data:filter_1:condition_2:artifact:*.cef.x")).toEqual({ kind: "artifact", path: ["cef", "x"], filter: { block: "filter_1", condition: 2 } });
    expect(parseDatapath("playbook_input:url")).toEqual({ kind: "playbook_input", name: "url", path: [] });
    expect(parseDatapath("format_1:formatted_data.*")).toEqual({ kind: "formatted_data", block: "format_1", list: true });
    expect(parseDatapath("code_1:custom_function:score")).toEqual({ kind: "code_output", block: "code_1", name: "score", path: [] });
    expect(parseDatapath("cf_1:custom_function_result.data.*.item")).toEqual({ kind: "cf_result", block: "cf_1", part: "data", path: ["item"] });
    expect(parseDatapath("child_1:playbook_output:verdict")).toMatchObject({ kind: "playbook_output", name: "verdict" });
    expect(parseDatapath("custom_list:blocked")).toEqual({ kind: "custom_list", name: "blocked" });
    expect(() => parseDatapath("g:action_result.bogus")).toThrow(/status, message, summary/);
    expect(() => parseDatapath("nonsense")).toThrow(/not a datapath/);
  });

  it("follows paths: * maps, names map over lists implicitly, ints index", () => {
    const v = { data: [{ a: { b: 1 } }, { a: { b: 2 } }], list: ["x", "y"] };
    expect(getPath(v, ["data", "*", "a", "b"])).toEqual([1, 2]);
    expect(getPath(v, ["data", "a", "b"])).toEqual([1, 2]);
    expect(getPath(v, ["list", 1])).toBe("y");
    expect(getPath(v, ["missing", "x"])).toBeNull();
  });
});

describe("collect", () => {
  it("lines up datapaths of one root and keeps the artifact context, None for missing values", () => {
    const got = collect(data(), ["artifact:*.cef.sourceAddress", "artifact:*.cef.destinationDnsDomain", "artifact:*.id"]);
    expect(got.rows).toEqual([["10.0.0.1", "evil.com", 11], ["10.0.0.2", null, 12], ["192.168.1.5", "ok.org", 13]]);
    expect(got.context.map((c) => c.artifactId)).toEqual([11, 12, 13]);
  });

  it("gives one row per data item of action results, parameters repeated, context from the result", () => {
    const got = collect(data(), ["geolocate_ip_1:action_result.data.*.country", "geolocate_ip_1:action_result.parameter.ip", "geolocate_ip_1:action_result.status"]);
    expect(got.rows).toEqual([["FR", "10.0.0.1", "success"], ["DE", "10.0.0.1", "success"], [null, "10.0.0.2", "failed"]]);
    expect(got.context.map((c) => c.artifactId)).toEqual([11, 11, 12]);
    expect(collect(data(), ["geolocate_ip_1:action_result.summary.total"]).rows).toEqual([[2], [null]]);
  });

  it("reads container, inputs, formats, code outputs, custom function results, child outputs and lists", () => {
    const d = data();
    expect(collect(d, ["container:owner.name"]).rows).toEqual([["ana"]]);
    expect(collect(d, ["playbook_input:url"]).rows).toEqual([["http://a"], ["http://b"]]);
    expect(collect(d, ["format_1:formatted_data"]).rows).toEqual([["a\nb"]]);
    expect(collect(d, ["format_1:formatted_data.*"]).rows).toEqual([["a"], ["b"]]);
    expect(collect(d, ["code_1:custom_function:names"]).rows).toEqual([[["x", "y"]]]);
    expect(collect(d, ["cf_1:custom_function_result.data.*.item"]).rows).toEqual([["i1"], ["i2"]]);
    expect(collect(d, ["child_1:playbook_output:verdict"]).rows).toEqual([["malicious"], ["benign"]]);
    expect(collect(d, ["custom_list:blocked"]).rows).toEqual([[["10.0.0.2", "x"]], [["8.8.8.8"]]]);
    // The container (one row) repeats beside every artifact; a block that never ran yields nothing.
    expect(collect(d, ["artifact:*.id", "container:name"]).rows).toEqual([[11, "Phishing"], [12, "Phishing"], [13, "Phishing"]]);
    expect(collect(d, ["no_such_block:action_result.status"]).rows).toEqual([]);
  });
});

describe("condition and filtered data", () => {
  it("matches rows with SOAR's operators, records them for filtered-data paths", () => {
    const d = data();
    const r = condition(d, [["artifact:*.cef.sourceAddress", "in", "10.0.0.0/8 10.0.0.1"], ["artifact:*.cef.destinationDnsDomain", "!=", null]], { logic: "and" });
    expect(r.artifactIds).toEqual([11]);
    d.blocks.filter_1 = { kind: "filter", conditions: { "1": r.kept } };
    expect(collect(d, ["filtered-data:filter_1:condition_1:artifact:*.cef.sourceAddress"]).rows).toEqual([["10.0.0.1"]]);
    expect(collect(d, ["filtered-data:filter_1:condition_2:artifact:*.id"]).rows).toEqual([]);
  });

  it("in is membership on lists (tags, custom lists), numbers compare as numbers, regex and or", () => {
    const d = data();
    expect(condition(d, [["bad", "in", "artifact:*.tags"]]).artifactIds).toEqual([11, 13]);
    expect(condition(d, [["artifact:*.cef.sourceAddress", "in", "custom_list:blocked"]]).artifactIds).toEqual([12]);
    expect(condition(d, [["artifact:*.cef.sourceAddress", "not in", "custom_list:blocked"]]).artifactIds).toEqual([11, 13]);
    expect(condition(d, [["artifact:*.id", ">", "11"], ["artifact:*.id", "<=", 12]]).artifactIds).toEqual([12]);
    expect(condition(d, [["artifact:*.cef.sourceAddress", "matches", "^192\\."], ["artifact:*.id", "==", 11]], { logic: "or" }).artifactIds).toEqual([11, 13]);
    expect(condition(d, [["container:severity", "==", "high"]]).matched).toBe(true);
    expect(condition(d, [["playbook_input:url", "==", "http://b"]]).matched).toBe(true);
    expect(condition(d, [["geolocate_ip_1:action_result.status", "==", "success"]]).kept).toEqual({ "geolocate_ip_1:action_result": ["0"] });
    expect(condition(d, [["a, b", "==", "b"]], { delimiter: "," }).matched).toBe(true);
    expect(() => condition(d, [["a", "~~" as never, "b"]])).toThrow(/unknown operator/);
    expect([parseLiteral("None"), parseLiteral("True"), parseLiteral("42"), parseLiteral("")]).toEqual([null, true, 42, ""]);
  });
});

describe("format", () => {
  it("fills placeholders, repeats %% sections per row, gives the list form", () => {
    const d = data();
    const f = format(d, "Container {0}:\n%%- {1} ({2})\n%%{{done}}", ["container:name", "artifact:*.cef.sourceAddress", "artifact:*.cef.destinationDnsDomain"]);
    expect(f.text).toBe("Container Phishing:\n- 10.0.0.1 (evil.com)\n- 10.0.0.2 (None)\n- 192.168.1.5 (ok.org)\n{done}");
    expect(f.list).toHaveLength(3);
    expect(format(d, "%%{0}\n%%", ["artifact:*.cef.destinationDnsDomain"], { dropNone: true }).text).toBe("evil.com\nok.org\n");
    expect(format(d, "ips: {0}", ["artifact:*.cef.sourceAddress"], { separator: "; " }).text).toBe("ips: 10.0.0.1; 10.0.0.2; 192.168.1.5");
    expect(format(d, "literal {0}", ["x"]).text).toBe("literal x");
  });
});
