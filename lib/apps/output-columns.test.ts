import { describe, expect, it } from "vitest";
import { outputColumns, resultRows } from "./output-columns";

describe("result tables from output data paths", () => {
  it("uses column_name in column_order when given, reading summary and data paths", () => {
    const columns = outputColumns({
      output: [
        { data_path: "action_result.data.*.record_infos" },
        { data_path: "action_result.summary.hostname", column_name: "Hostname", column_order: 2 },
        { data_path: "action_result.data.*.nets.*.cidr", column_name: "CIDR", column_order: 1 },
      ],
    });
    expect(columns.map((c) => c.label)).toEqual(["CIDR", "Hostname"]);
    const rows = resultRows({ status: "success", message: "", data: [{ nets: [{ cidr: "10.0.0.0/8" }, { cidr: "10.1.0.0/16" }] }], summary: { hostname: "a.example" } }, columns);
    expect(rows).toEqual([["10.0.0.0/8, 10.1.0.0/16", "a.example"]]);
  });

  it("falls back to every data path, one row per data item, objects as JSON", () => {
    const columns = outputColumns({ output: [{ data_path: "action_result.status" }, { data_path: "action_result.data.*.ip" }, { data_path: "action_result.data.*.meta" }] });
    expect(columns).toEqual([{ label: "ip", path: "action_result.data.*.ip" }, { label: "meta", path: "action_result.data.*.meta" }]);
    expect(resultRows({ status: "success", message: "", data: [{ ip: "192.0.2.1", meta: { a: 1 } }, { ip: "192.0.2.2" }] }, columns)).toEqual([["192.0.2.1", '{"a":1}'], ["192.0.2.2", ""]]);
    expect(resultRows({ status: "failed", message: "x", data: [] }, columns)).toEqual([]);
  });
});
