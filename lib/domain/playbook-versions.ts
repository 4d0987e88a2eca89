// The editor's view of playbooks: the list with each one's last version and run count, the
// version history, one version's graph (for the diff), and revert (a new version whose graph is
// an older one's, so history only grows).
import type { Playbook } from "@prisma/client";
import { Prisma as P } from "@prisma/client";
import { db } from "../db/client";
import type { Graph, NewPlaybook } from "../schemas/playbooks";
import type { Actor } from "./actor";
import { DomainError } from "./errors";
import { getPlaybook, updatePlaybook } from "./playbooks";

export interface PlaybookSummary {
  id: number; repo: string; name: string; category: string; labels: string[]; active: boolean; type: string;
  version: number; author: string | null; updatedAt: Date; runs: number; hasCode: boolean;
  /** Imported from Splunk SOAR: its .py runs, its graph is shown read-only. */
  soar: boolean;
  /** An input playbook's inputs and outputs (names and descriptions). */
  inputSpec: { name: string; description?: string }[]; outputSpec: { name: string; description?: string }[];
}

export async function playbookSummaries(): Promise<PlaybookSummary[]> {
  return db.$queryRaw<PlaybookSummary[]>(P.sql`
    select p.id, p.repo, p.name, p.category, p.labels, p.active, p.type, p.version, p.update_time as "updatedAt",
      p.code is not null as "hasCode", p.soar_graph is not null as soar, p.input_spec as "inputSpec", p.output_spec as "outputSpec",
      (select v.author from playbook_versions v where v.playbook_id = p.id order by v.version desc limit 1) as author,
      (select count(*)::int from playbook_runs r where r.playbook_id = p.id) as runs
    from playbooks p order by p.repo, p.name limit 5000`);
}

export interface VersionInfo { version: number; author: string; message: string; createdAt: Date }

export async function playbookVersions(id: number): Promise<VersionInfo[]> {
  await getPlaybook(id);
  return db.playbookVersion.findMany({ where: { playbookId: id }, orderBy: { version: "desc" }, select: { version: true, author: true, message: true, createdAt: true }, take: 500 });
}

export async function playbookVersionGraph(id: number, version: number): Promise<Graph | null> {
  const v = await db.playbookVersion.findUnique({ where: { playbookId_version: { playbookId: id, version } } });
  if (!v) throw new DomainError("not_found", `playbook ${id} has no version ${version}`);
  return v.graph as Graph | null;
}

/** The playbook as the save schema takes it, for saving it again with one thing changed. */
export function asInput(p: Playbook): NewPlaybook {
  return {
    name: p.name, repo: p.repo, description: p.description, category: p.category, tags: p.tags, labels: p.labels, active: p.active,
    type: p.type as NewPlaybook["type"], input_spec: p.inputSpec as NewPlaybook["input_spec"], output_spec: p.outputSpec as NewPlaybook["output_spec"],
    ...(p.code !== null ? { code: p.code } : { graph: (p.graph ?? { nodes: {}, edges: [] }) as Graph }), language: p.language as NewPlaybook["language"], message: "",
  };
}

/** Saves version `version`'s graph as a new version (inactive if it would not pass validation). */
export async function revertPlaybook(id: number, version: number, baseVersion: number, actor: Actor): Promise<Playbook> {
  const [p, graph] = [await getPlaybook(id), await playbookVersionGraph(id, version)];
  if (!graph) throw new DomainError("invalid", `version ${version} of playbook ${id} has no graph to revert to`);
  const input = { ...asInput(p), graph, code: undefined, message: `reverted to version ${version}` };
  try {
    return await updatePlaybook(id, input, actor, { baseVersion });
  } catch (err) {
    // An active playbook reverted to a version with errors is saved, deactivated, rather than refused.
    if (!(err instanceof DomainError) || err.kind !== "invalid" || !input.active) throw err;
    return updatePlaybook(id, { ...input, active: false, message: `${input.message} (deactivated: it has errors)` }, actor, { baseVersion });
  }
}
