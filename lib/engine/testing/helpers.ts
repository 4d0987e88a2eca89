// Helpers for engine integration tests: containers and playbooks through the domain functions,
// and waiting for a run to finish.
import { randomUUID } from "node:crypto";
import { db } from "../../db/client";
import type { Actor } from "../../domain/actor";
import { createContainer } from "../../domain/containers";
import { createPlaybook, startPlaybookRun } from "../../domain/playbooks";
import { newContainerSchema } from "../../schemas/containers";
import { playbookSchema, type Graph } from "../../schemas/playbooks";

export const actor: Actor = { id: null, name: "engine-test", role: "system" };

export const uniq = () => randomUUID().slice(0, 8);

export async function container(artifacts: Record<string, unknown>[] = [], extra: Record<string, unknown> = {}): Promise<number> {
  const input = newContainerSchema.parse({ name: `engine ${uniq()}`, label: "engine_test", ...extra, artifacts: artifacts.map((cef, i) => ({ name: `a${i}`, cef })) });
  return (await createContainer(input, actor)).id;
}

type NodeSpec = Record<string, unknown> & { type: string };

/** A graph from `{id: data}` and edges written "a>b" or "a>b:0" (branch index). */
export function graph(nodes: Record<string, NodeSpec>, edges: string[]): Graph {
  return {
    nodes: Object.fromEntries(Object.entries(nodes).map(([id, data]) => [id, { id, type: data.type, data: data as never }])),
    edges: edges.map((e) => {
      const [s, rest] = e.split(">") as [string, string];
      const [t, branch] = rest.split(":");
      return { source: s, target: t!, ...(branch !== undefined ? { conditions: [{ index: Number(branch) }] } : {}) };
    }),
  };
}

/** A graph playbook, or a code playbook when `g` is null and `extra.code` is given. */
export async function playbook(g: Graph | null, extra: Record<string, unknown> = {}): Promise<number> {
  const body = { name: `pb ${uniq()}`, ...(g ? { graph: g } : {}), ...extra };
  return (await createPlaybook(playbookSchema.parse(body), actor)).id;
}

export async function waitRun(id: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.playbookRun.findUniqueOrThrow({ where: { id } });
    if (run.status !== "running") return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still running after ${timeoutMs} ms: ${JSON.stringify(run.state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function runToEnd(playbookId: number, containerId: number, opts: { inputs?: Record<string, unknown>; scope?: "new" | "all"; timeLimitSeconds?: number } = {}) {
  const run = await startPlaybookRun({ playbook: playbookId, containerId, ...opts }, actor);
  return waitRun(run.id);
}

export const notes = (containerId: number) => db.note.findMany({ where: { containerId }, orderBy: { id: "asc" } });
export const steps = (runId: number) => db.playbookStep.findMany({ where: { runId }, orderBy: { id: "asc" } });
