// Playbook runs as the investigation page shows them: the container's latest runs with what each
// waits for, one run's blocks and log (opened on demand), and the playbooks an analyst may run.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";

export interface PlaybookRunView {
  id: number;
  playbook: string;
  playbookId: number;
  status: string;
  message: string;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  parentRunId: number | null;
  scope: string;
  /** Blocks waiting for a callback (an action run, a prompt, a child run). */
  waiting: string[];
  /** A graph playbook's or an imported SOAR playbook's run opens in the editor's debugger; a code playbook's has no graph to show. */
  debuggable: boolean;
}

export async function containerPlaybookRuns(containerId: number, limit = 50): Promise<PlaybookRunView[]> {
  const runs = await db.playbookRun.findMany({
    where: { containerId }, orderBy: { id: "desc" }, take: limit,
    select: {
      id: true, playbookId: true, status: true, message: true, startedBy: true, startedAt: true, endedAt: true, parentRunId: true, scope: true, state: true,
      playbook: { select: { repo: true, name: true } },
    },
  });
  const ids = [...new Set(runs.map((r) => r.playbookId))];
  // Imported SOAR playbooks open in the editor too: their graph read-only, their run's functions.
  const graphs = new Set((await db.playbook.findMany({ where: { id: { in: ids }, OR: [{ code: null }, { soarGraph: { not: Prisma.DbNull } }] }, select: { id: true } })).map((p) => p.id));
  return runs.map((r) => ({
    id: r.id, playbook: `${r.playbook.repo}/${r.playbook.name}`, playbookId: r.playbookId, status: r.status, message: r.message,
    startedBy: r.startedBy, startedAt: r.startedAt.toISOString(), endedAt: r.endedAt?.toISOString() ?? null, parentRunId: r.parentRunId, scope: r.scope,
    waiting: r.status === "running" ? ((r.state as { waiting?: string[] } | null)?.waiting ?? []) : [],
    debuggable: graphs.has(r.playbookId),
  }));
}

export interface RunnablePlaybook {
  id: number;
  name: string;
  description: string;
  type: string;
  active: boolean;
  inputs: { name: string; description: string }[];
}

/** Every playbook, active or not: an analyst may run any of them by hand on a container. */
export async function runnablePlaybooks(): Promise<RunnablePlaybook[]> {
  const rows = await db.playbook.findMany({
    orderBy: [{ repo: "asc" }, { name: "asc" }], take: 1000,
    select: { id: true, repo: true, name: true, description: true, type: true, active: true, inputSpec: true },
  });
  return rows.map((p) => ({
    id: p.id, name: `${p.repo}/${p.name}`, description: p.description, type: p.type, active: p.active,
    inputs: ((p.inputSpec ?? []) as { name: string; description?: string }[]).map((i) => ({ name: i.name, description: i.description ?? "" })),
  }));
}
