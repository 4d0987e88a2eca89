// One playbook run as the debugger and the investigation page show it: the run, each block's
// status, its step record (inputs, outputs, timing) and log lines.
import { db } from "../db/client";
import type { RunState } from "../engine/types";
import { codeRunCalls, type FunctionCall } from "./code-run-calls";
import { getPlaybookRun } from "./playbooks";

export type BlockStatus = "queued" | "running" | "success" | "failed" | "waiting";
export interface RunView {
  id: number; playbookId: number; playbookVersion: number; containerId: number; status: string; message: string;
  startedAt: string; endedAt: string | null;
  blocks: Record<string, BlockStatus>;
  steps: { blockId: string; blockName: string; blockType: string; status: string; ms: number; inputs: unknown; outputs: unknown; error: string | null; startedAt: string; endedAt: string }[];
  logs: { id: number; blockId: string | null; level: string; message: string; detail: unknown; time: string }[];
  waiting: { blockId: string; kind: string; detail: unknown }[];
  /** A code playbook's run (SOAR Python or JavaScript): the functions it called, in order. */
  calls: FunctionCall[] | null;
}

export async function playbookRunView(id: number): Promise<RunView> {
  const run = await getPlaybookRun(id);
  const [steps, logs, callbacks] = await Promise.all([
    db.playbookStep.findMany({ where: { runId: id }, orderBy: { id: "asc" } }),
    db.playbookRunLog.findMany({ where: { runId: id }, orderBy: { id: "asc" }, take: 5000 }),
    db.playbookCallback.findMany({ where: { runId: id }, orderBy: { id: "asc" }, take: 5000 }),
  ]);
  const state = (run.state ?? {}) as Partial<RunState>;
  const blocks: Record<string, BlockStatus> = {};
  if (run.status === "running") for (const b of state.frontier ?? []) blocks[b] = "queued";
  for (const b of state.waiting ?? []) blocks[b] = "waiting";
  for (const s of steps) blocks[s.blockId] = s.status === "failed" ? "failed" : "success";
  const stepRows = steps.map((s) => ({ blockId: s.blockId, blockName: s.blockName, blockType: s.blockType, status: s.status, ms: s.endedAt.getTime() - s.startedAt.getTime(), inputs: s.inputs, outputs: s.outputs, error: s.error, startedAt: s.startedAt.toISOString(), endedAt: s.endedAt.toISOString() }));
  const logRows = logs.map((l) => ({ id: Number(l.id), blockId: l.blockId, level: l.level, message: l.message, detail: l.detail, time: l.createdAt.toISOString() }));
  return {
    id: run.id, playbookId: run.playbookId, playbookVersion: run.playbookVersion, containerId: run.containerId, status: run.status, message: run.message,
    startedAt: run.startedAt.toISOString(), endedAt: run.endedAt?.toISOString() ?? null, blocks,
    steps: stepRows, logs: logRows,
    waiting: callbacks.filter((c) => c.status === "pending").map((c) => ({ blockId: c.blockId, kind: c.kind, detail: c.detail })),
    calls: codeRunCalls(stepRows, logRows, callbacks),
  };
}
