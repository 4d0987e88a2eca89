// An imported SOAR playbook as the console shows it: its graph (read-only), its import report,
// and the Python of each block: SOAR generates one top-level function per block (named by the
// block's functionName), so the function's source is cut out of the .py that runs.
import { DomainError } from "./errors";
import type { ImportReport } from "./soar-import";
import type { SoarGraph } from "./soar-graph";
import { getPlaybook } from "./playbooks";
import { blockFunction, pythonFunctions } from "./python-functions";

export interface SoarPlaybookView {
  id: number; repo: string; name: string; version: number; active: boolean; labels: string[];
  graph: SoarGraph; report: ImportReport | null;
  /** Each block's generated Python function (its source in the .py), by node id. */
  functions: Record<string, string>;
}

function functionsByNode(graph: SoarGraph, code: string): Record<string, string> {
  const fns = pythonFunctions(code);
  return Object.fromEntries(Object.values(graph.nodes).flatMap((n) => {
    const f = blockFunction(fns, n.soar.data.functionName);
    return f === undefined ? [] : [[n.id, f]];
  }));
}

export async function soarPlaybookView(id: number): Promise<SoarPlaybookView> {
  const p = await getPlaybook(id);
  if (!p.soarGraph) throw new DomainError("not_found", `playbook ${id} was not imported from SOAR`);
  return {
    id: p.id, repo: p.repo, name: p.name, version: p.version, active: p.active, labels: p.labels,
    graph: p.soarGraph as unknown as SoarGraph, report: (p.importReport ?? null) as ImportReport | null,
    functions: functionsByNode(p.soarGraph as unknown as SoarGraph, p.code ?? ""),
  };
}
