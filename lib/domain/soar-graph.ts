// A SOAR visual-editor export (`<name>.json`, SOAR-PLAYBOOKS.md §1) mapped to Vigil's graph: every
// node and edge kept, SOAR block types mapped to Vigil's node types, the SOAR data beside it
// (`soar`) so the editor can show what Vigil's types do not hold (userCode, custom names ...).
// The graph is for reading only: the imported `.py` is what runs.
import { DomainError } from "./errors";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, d = ""): string => (typeof v === "string" ? v : d);
const literal = (v: unknown): string | number | boolean | null =>
  v === null || v === undefined ? null : typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : JSON.stringify(v);
const literals = (v: unknown): Record<string, string | number | boolean | null> => Object.fromEntries(Object.entries(obj(v)).map(([k, x]) => [k, literal(x)]));

export interface SoarNode { id: string; type: string; x?: number; y?: number; data: Obj; soar: { type: string; data: Obj; userCode: string | null; customCode: string | null } }
export interface SoarEdge { id: string; source: string; target: string; conditions?: { index: number }[] }
export interface SoarGraph { nodes: Record<string, SoarNode>; edges: SoarEdge[] }

export interface SoarExport {
  category: string; labels: string[]; tags: string[];
  playbookType: "data" | "automation"; description: string;
  inputSpec: { name: string; description: string; contains: string[] }[];
  outputSpec: { name: string; description: string; datapaths: string[]; deduplicate: boolean }[];
  nodes: Record<string, Obj>; edges: Obj[];
}

/** Reads the JSON export; a file that is not one says what is missing. */
export function parseSoarExport(text: string, file: string): SoarExport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DomainError("invalid", `${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`, "playbook");
  }
  const coa = obj(obj(doc).coa);
  const data = obj(coa.data);
  if (!coa.data || typeof data.nodes !== "object" || !Array.isArray(data.edges)) {
    throw new DomainError("invalid", `${file} is not a SOAR playbook export: coa.data.nodes and coa.data.edges are required`, "playbook");
  }
  const top = obj(doc);
  return {
    category: str(top.category), labels: arr(top.labels).map(String), tags: arr(top.tags).map(String),
    playbookType: coa.playbook_type === "data" ? "data" : "automation", description: str(data.description),
    inputSpec: arr(coa.input_spec).map((s) => ({ name: str(obj(s).name), description: str(obj(s).description), contains: arr(obj(s).contains).map(String) })),
    outputSpec: arr(coa.output_spec).map((s) => ({ name: str(obj(s).name), description: str(obj(s).description), datapaths: arr(obj(s).datapaths).map(String), deduplicate: obj(s).deduplicate === true })),
    nodes: Object.fromEntries(Object.entries(obj(data.nodes)).map(([k, v]) => [k, obj(v)])), edges: arr(data.edges).map(obj),
  };
}

function conditions(d: Obj) {
  return arr(d.conditions).map((c) => ({
    logic: obj(c).logic === "or" ? "or" : "and",
    ...(typeof obj(c).type === "string" ? { type: obj(c).type } : {}),
    comparisons: arr(obj(c).comparisons).map((x) => ({ param: literal(obj(x).param), op: str(obj(x).op, "=="), value: literal(obj(x).value) })),
  }));
}

/** Vigil's node type and data for one SOAR node (SOAR-PLAYBOOKS.md §1.2, §1.3). */
function mapData(type: string, d: Obj, userCode: string | null): Obj {
  const name = str(d.functionName) || undefined;
  const adv = obj(d.advanced);
  switch (type) {
    case "start": case "end": return { type, name };
    case "filter": case "decision":
      return { type, name, conditions: conditions(d), delimiter: adv.delimiter_enabled ? str(adv.delimiter) || null : null, ...(type === "decision" ? { caseSensitive: adv.case_sensitive !== false } : {}) };
    case "format": return { type, name, template: str(d.template), parameters: arr(d.parameters).map(literal), ...(adv.drop_none ? { dropNone: true } : {}) };
    case "code":
      return { type, name, code: userCode ?? str(d.userCode), inputParameters: arr(d.inputParameters).map(String), outputVariables: arr(d.outputVariables).map((o) => (typeof o === "string" ? o : str(obj(o).name))) };
    case "prompt": {
      const approver = obj(d.approver);
      return {
        type, name, message: str(d.message), parameters: arr(d.parameters).map(literal), responseTime: Number(d.responseTime) > 0 ? Number(d.responseTime) : 30,
        approver: approver.value === "container_owner" ? "container_owner" : approver.type === "role" ? { role: str(approver.value) } : { user: str(approver.value, str(d.approver)) },
        responses: arr(d.responses).map((r) => ({ prompt: str(obj(r).responsePrompt), type: obj(r).responseType === "yes/no" ? "yes/no" : obj(r).responseType === "message" ? "message" : "list", options: arr(obj(r).responseOptions).map(String) })),
      };
    }
    case "playbook":
      return {
        type, name, playbook: `${str(d.playbookRepoName, "local")}/${str(d.playbookName)}`, synchronous: d.synchronous !== false,
        inputs: Object.fromEntries(Object.entries(obj(d.inputs)).map(([k, v]) => [k, { datapaths: arr(obj(v).datapaths).map(literal), deduplicate: obj(v).deduplicate === true }])),
      };
    case "utility": {
      if (d.utilityType === "custom_function") {
        const cf = obj(d.customFunction);
        const values = obj(obj(d.values)[str(cf.name)]);
        return { type: "custom_function", name, customFunction: `${str(cf.repoName, "local")}/${str(cf.name)}`, parameters: literals(values) };
      }
      const api = str(d.utilities) || Object.keys(obj(d.values))[0] || "comment";
      return { type: "utility", name, utility: api, values: literals(obj(obj(d.values)[api])) };
    }
    case "action": case "missionControl":
      return { type: "action", name, action: str(d.action), assets: arr(d.connectorConfigs).map(String), parameters: literals(d.parameters) };
    default:
      return { type, name };
  }
}

export function mapSoarGraph(exp: SoarExport): SoarGraph {
  const nodes: Record<string, SoarNode> = {};
  for (const [id, n] of Object.entries(exp.nodes)) {
    const d = obj(n.data);
    const soarType = str(n.type, str(d.type));
    const userCode = typeof n.userCode === "string" ? n.userCode : null;
    const data = mapData(soarType, d, userCode);
    nodes[id] = {
      id, type: str(data.type), ...(typeof n.x === "number" ? { x: n.x } : {}), ...(typeof n.y === "number" ? { y: n.y } : {}), data,
      soar: { type: soarType, data: d, userCode, customCode: typeof n.customCode === "string" ? n.customCode : null },
    };
  }
  const edges = exp.edges.map((e) => ({
    id: str(e.id), source: str(e.sourceNode), target: str(e.targetNode),
    ...(Array.isArray(e.conditions) ? { conditions: arr(e.conditions).map((c) => ({ index: Number(obj(c).index) })) } : {}),
  }));
  return { nodes, edges };
}
