// Playbook runs as the investigation page shows them: the container's latest runs with what each
// waits for, one run's blocks and log (opened on demand), and the playbooks an analyst may run.
import { db } from "../db/client";
import { DomainError } from "./errors";

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
}

export async function containerPlaybookRuns(containerId: number, limit = 50): Promise<PlaybookRunView[]> {
  const runs = await db.playbookRun.findMany({
    where: { containerId }, orderBy: { id: "desc" }, take: limit,
    select: {
      id: true, playbookId: true, status: true, message: true, startedBy: true, startedAt: true, endedAt: true, parentRunId: true, scope: true, state: true,
      playbook: { select: { repo: true, name: true } },
    },
  });
  return runs.map((r) => ({
    id: r.id, playbook: `${r.playbook.repo}/${r.playbook.name}`, playbookId: r.playbookId, status: r.status, message: r.message,
    startedBy: r.startedBy, startedAt: r.startedAt.toISOString(), endedAt: r.endedAt?.toISOString() ?? null, parentRunId: r.parentRunId, scope: r.scope,
    waiting: r.status === "running" ? ((r.state as { waiting?: string[] } | null)?.waiting ?? []) : [],
  }));
}

export interface PlaybookRunDetail {
  steps: { blockId: string; blockName: string; blockType: string; status: string; error: string | null; startedAt: string; ms: number }[];
  log: { id: number; blockId: string | null; level: string; message: string; at: string }[];
}

/** One run's finished blocks and its log, oldest first (the log capped at 2,000 lines). */
export async function playbookRunDetail(id: number): Promise<PlaybookRunDetail> {
  const [run, steps, log] = await Promise.all([
    db.playbookRun.findUnique({ where: { id }, select: { id: true } }),
    db.playbookStep.findMany({ where: { runId: id }, orderBy: { id: "asc" }, take: 1000 }),
    db.playbookRunLog.findMany({ where: { runId: id }, orderBy: { id: "asc" }, take: 2000 }),
  ]);
  if (!run) throw new DomainError("not_found", `playbook run ${id} does not exist`);
  return {
    steps: steps.map((s) => ({
      blockId: s.blockId, blockName: s.blockName, blockType: s.blockType, status: s.status, error: s.error,
      startedAt: s.startedAt.toISOString(), ms: s.endedAt.getTime() - s.startedAt.getTime(),
    })),
    log: log.map((l) => ({ id: Number(l.id), blockId: l.blockId, level: l.level, message: l.message, at: l.createdAt.toISOString() })),
  };
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
