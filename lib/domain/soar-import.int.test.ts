// Importing the 60 SOAR fixture playbooks and 41 custom functions (../shared/fixtures) through the
// domain code the console, CLI and REST call: every node and edge stored, an import report per
// playbook, the files kept byte for byte and exported identically.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { actor } from "../engine/testing/helpers";
import { DomainError } from "./errors";
import { exportSoarPlaybook, importSoarCustomFunction, importSoarPlaybook, soarArchiveFiles, type ImportReport } from "./soar-import";
import type { SoarGraph } from "./soar-graph";

const SHARED = path.resolve(process.cwd(), "../shared/fixtures");
const names = (dir: string) => readdirSync(path.join(SHARED, dir)).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
const files = (dir: string, name: string) => ({ name, json: readFileSync(path.join(SHARED, dir, `${name}.json`)), py: readFileSync(path.join(SHARED, dir, `${name}.py`)) });
const TYPES: Record<string, string> = { start: "start", end: "end", filter: "filter", decision: "decision", format: "format", code: "code", prompt: "prompt", playbook: "playbook", action: "action", missionControl: "action" };

describe("SOAR playbook import", () => {
  it("imports the 41 community custom functions and all 60 playbooks with every node, edge and a report", async () => {
    const cfs = names("soar-custom-functions");
    expect(cfs).toHaveLength(41);
    for (const n of cfs) await importSoarCustomFunction(files("soar-custom-functions", n), { repo: "community" }, actor);
    expect(await db.customFunction.count({ where: { repo: "community", language: "python" } })).toBe(41);

    const pbs = names("soar-playbooks");
    expect(pbs).toHaveLength(60);
    const reports: Record<string, ImportReport> = {};
    let nodes = 0, edges = 0;
    for (const n of pbs) {
      const f = files("soar-playbooks", n);
      // Other files (the 60-playbook run) import these into "community" too: replace theirs.
      const existed = (await db.playbook.count({ where: { repo: "community", name: n } })) > 0;
      const { playbook, report, created } = await importSoarPlaybook(f, { repo: "community", force: existed }, actor);
      expect(created).toBe(!existed);
      reports[n] = report;
      const stored = await db.playbook.findUniqueOrThrow({ where: { id: playbook.id } });
      expect(Buffer.from(stored.soarJson!).equals(f.json)).toBe(true);
      expect(stored.code).toBe(f.py.toString("utf8"));
      expect(stored.language).toBe("python");
      const src = JSON.parse(f.json.toString("utf8")) as { coa: { data: { nodes: Record<string, { type: string; data: { functionName?: string; utilityType?: string } }>; edges: { sourceNode: string; targetNode: string; conditions?: { index: number }[] }[] } } };
      const g = stored.soarGraph as unknown as SoarGraph;
      expect(Object.keys(g.nodes).sort()).toEqual(Object.keys(src.coa.data.nodes).sort());
      for (const [id, node] of Object.entries(src.coa.data.nodes)) {
        const want = node.type === "utility" ? (node.data.utilityType === "custom_function" ? "custom_function" : "utility") : TYPES[node.type];
        expect([n, id, g.nodes[id]!.type]).toEqual([n, id, want]);
        expect(g.nodes[id]!.data.name).toBe(node.data.functionName);
        expect(g.nodes[id]!.soar.type).toBe(node.type);
      }
      expect(g.edges.map((e) => [e.source, e.target, e.conditions ?? null])).toEqual(src.coa.data.edges.map((e) => [e.sourceNode, e.targetNode, e.conditions ?? null]));
      nodes += Object.keys(g.nodes).length;
      edges += g.edges.length;
    }
    // The counts SOAR-PLAYBOOKS.md gives for the fixtures.
    expect([nodes, edges]).toEqual([666, 681]);
    const all = Object.values(reports);
    // SOAR-PLAYBOOKS.md counts 12 datapaths naming missing blocks (it says 5 files; they are 6);
    // the import also flags Mission Control's "condition_1:get_tasks:..." (no filtered-data: prefix).
    const dangling = Object.fromEntries(Object.entries(reports).filter(([, r]) => r.danglingDatapaths.length > 0).map(([n, r]) => [n, r.danglingDatapaths.length]));
    expect(dangling).toEqual({
      CrowdStrike_OAuth_API_Dynamic_Analysis: 1, Dynamic_Analysis_Dispatch: 4, Mission_Control_Related_Tickets_Search: 1,
      Splunk_Automated_Email_Investigation: 2, risk_notable_auto_merge: 3, risk_notable_merge_events: 1, risk_notable_review_indicators: 1,
    });
    expect(reports.risk_notable_merge_events!.danglingDatapaths).toEqual([{ block: "format_end_note", datapath: "format_prompt_1:formatted_data" }]);
    // The AD LDAP app is built in: its action binds; Azure AD's app is not, so it is reported.
    expect(reports.AD_LDAP_Account_Locking!.unboundActions).toEqual([]);
    expect(reports.Azure_AD_Account_Locking!.assetsToCreate).toEqual([{ asset: "azure_ad_graph", app: expect.any(String) }]);
    expect(reports.Azure_AD_Account_Locking!.unboundActions).toEqual([expect.objectContaining({ block: "disable_user_account", app: expect.any(String), action: "disable user" })]);
    // Every custom function the playbooks call is among the 41 imported into community, but for
    // one block that names it in the local repository.
    expect(all.flatMap((r) => r.missingCustomFunctions)).toEqual([{ block: "tag_contained_host", customFunction: "local/indicator_tag" }]);
  }, 300_000);

  it("exports an imported playbook byte for byte, refuses a second import without force and versions it with force", async () => {
    const f = files("soar-playbooks", "create_ticket");
    const { playbook } = await importSoarPlaybook(f, { repo: "export_test" }, actor);
    const archive = await exportSoarPlaybook(await db.playbook.findUniqueOrThrow({ where: { id: playbook.id } }));
    expect(archive[0]).toBe(0x1f);
    const back = await soarArchiveFiles(archive);
    expect(back).toHaveLength(1);
    expect(back[0]!.name).toBe("create_ticket");
    expect(back[0]!.json.equals(f.json)).toBe(true);
    expect(back[0]!.py.equals(f.py)).toBe(true);
    expect(gunzipSync(archive).length % 512).toBe(0);
    await expect(importSoarPlaybook(f, { repo: "export_test" }, actor)).rejects.toThrow(/exists; import with force/);
    const again = await importSoarPlaybook(f, { repo: "export_test", force: true }, actor);
    expect([again.created, again.playbook.version]).toEqual([false, 2]);
  });

  it("refuses what is not a SOAR export with a message and writes nothing", async () => {
    const before = await db.playbook.count();
    const bad = async (json: string, py: string | Buffer = "x = 1\n", name = "bad_one") => importSoarPlaybook({ name, json: Buffer.from(json), py: Buffer.from(py) }, {}, actor).catch((e: unknown) => e);
    expect(await bad("{nope")).toMatchObject({ kind: "invalid", message: expect.stringMatching(/bad_one.json is not JSON/) });
    expect(await bad("{\"coa\": {}}")).toMatchObject({ message: "bad_one.json is not a SOAR playbook export: coa.data.nodes and coa.data.edges are required" });
    expect(await bad("{}", "x", "../etc/passwd")).toBeInstanceOf(DomainError);
    expect(await bad(JSON.stringify({ coa: { data: { nodes: {}, edges: [] } } }), Buffer.from([0x78, 0xff, 0xfe]), "x")).toMatchObject({ kind: "invalid", message: "x.py is not UTF-8 text" });
    await expect(soarArchiveFiles(Buffer.from("not a tar at all".repeat(64)))).rejects.toThrow(/not a readable tar|holds no/);
    expect(await db.playbook.count()).toBe(before);
  });
});
