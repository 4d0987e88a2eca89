// A run's turn, ready to commit: the playbook version compiled (cached for the life of the
// process, versions being immutable), the interpreter or the code sandbox run over the claimed
// run's data, its child playbooks and action runs planned. The engine's loop (runner.ts) claims
// runs and commits what this prepares.
import { db } from "../db/client";
import { transientKind } from "../db/transient";
import type { Actor } from "../domain/actor";
import { planActionRun, type AssetLookups, type PlannedActionRun } from "../domain/action-runs";
import { newActionRunSchema } from "../schemas/assets";
import { playbookSchema } from "../schemas/playbooks";
import { compileGraph, type CompiledGraph } from "./graph";
import { runCodeTurn } from "./code-playbook";
import { runTurn, type TurnOutput } from "./interpreter";
import { commitTurns, EffectRefused, scopedArtifacts, type ChildRef, type ClaimedRun, type TurnCommit, type TurnData } from "./runs";
import { freshState, type RunState } from "./types";

interface Compiled {
  name: string;
  graph: CompiledGraph | null;
  /** A code playbook's JavaScript or Python (graph is null then). */
  code: string | null;
  language: "javascript" | "python";
  id: number; repo: string; bareName: string;
  error: string | null;
  outputSpec: { name: string; datapaths: string[]; deduplicate: boolean }[];
  customFunctions: Map<string, string>;
  pythonCustomFunctions?: Set<string>;
  lists: string[];
}

// Versions are immutable, so a compiled version is cached for the life of the process.
const cache = new Map<string, Promise<Compiled>>();

export async function compiled(playbookId: number, version: number): Promise<Compiled> {
  const key = `${playbookId}:${version}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      const v = await db.playbookVersion.findUnique({ where: { playbookId_version: { playbookId, version } }, include: { playbook: true } });
      const base = { language: "javascript" as const, id: playbookId, repo: "local", bareName: "" };
      if (!v) return { ...base, name: `playbook ${playbookId}`, graph: null, code: null, error: `version ${version} of playbook ${playbookId} does not exist`, outputSpec: [], customFunctions: new Map(), lists: [] };
      const name = `${v.playbook.repo}/${v.playbook.name}`;
      const ids = { id: playbookId, repo: v.playbook.repo, bareName: v.playbook.name, language: v.playbook.language === "python" ? "python" as const : "javascript" as const };
      const parsed = playbookSchema.safeParse({ name: v.playbook.name, graph: v.graph ?? undefined, code: v.code ?? undefined, output_spec: v.playbook.outputSpec });
      if (!parsed.success) {
        return { ...ids, name, graph: null, code: null, error: `the playbook is invalid: ${parsed.error.issues[0]?.message ?? ""}`, outputSpec: [], customFunctions: new Map(), lists: [] };
      }
      if (!parsed.data.graph) {
        const code = parsed.data.code ?? "";
        // Python playbooks name their custom functions and lists in calls (SOAR's generated code).
        const cfRefs = ids.language === "python" ? [...new Set([...code.matchAll(/custom_function\s*=\s*["']([^"'/]+\/[^"']+)["']/g)].map((m) => m[1]!))] : [];
        const cfs = cfRefs.length === 0 ? [] : await db.customFunction.findMany({ where: { OR: cfRefs.map((ref) => { const [repo, ...rest] = ref.split("/"); return { repo, name: rest.join("/") }; }) } });
        const lists = [...code.matchAll(/custom_list:([A-Za-z0-9_ -]+)/g), ...code.matchAll(/get_list\(\s*(?:list_name\s*=\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
        return { ...ids, name, graph: null, code, error: null, outputSpec: parsed.data.output_spec, customFunctions: new Map(cfs.map((c) => [`${c.repo}/${c.name}`.toLowerCase(), c.code])), lists: [...new Set(lists)] };
      }
      const text = JSON.stringify(parsed.data.graph);
      const cfNames = [...parsed.data.graph && Object.values(parsed.data.graph.nodes).flatMap((n) => (n.data.type === "custom_function" ? [n.data.customFunction] : []))];
      const cfs = await db.customFunction.findMany({ where: { OR: cfNames.map((ref) => { const [repo, ...rest] = ref.split("/"); return { repo, name: rest.join("/") }; }) } });
      try {
        return {
          ...ids, name, graph: compileGraph(parsed.data.graph), code: null, error: null, outputSpec: parsed.data.output_spec,
          customFunctions: new Map(cfs.map((c) => [`${c.repo}/${c.name}`.toLowerCase(), c.code])),
          pythonCustomFunctions: new Set(cfs.filter((c) => c.language === "python").map((c) => `${c.repo}/${c.name}`.toLowerCase())),
          lists: [...new Set([...text.matchAll(/custom_list:([^"]+)/g)].map((m) => m[1]!))],
        };
      } catch (err) {
        return { ...ids, name, graph: null, code: null, error: err instanceof Error ? err.message : String(err), outputSpec: [], customFunctions: new Map(), lists: [] };
      }
    })();
    cache.set(key, hit);
    // A failed read (the database restarting) is not the version's fault: read it again next time.
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

async function childRefs(turn: TurnOutput): Promise<ChildRef[]> {
  const refs: ChildRef[] = [];
  for (const c of turn.children) {
    const [repo, ...rest] = c.playbook.includes("/") ? c.playbook.split("/") : ["local", c.playbook];
    const p = await db.playbook.findUnique({ where: { repo_name: { repo: repo!, name: rest.join("/") } } });
    if (!p) throw new Error(`child playbook "${c.playbook}" does not exist`);
    refs.push({ blockId: c.blockId, playbookId: p.id, version: p.version, inputs: c.inputs, synchronous: c.synchronous, callback: c.callback ?? null });
  }
  return refs;
}

const failed = (state: RunState, message: string): TurnOutput => ({
  state: { ...state, failed: message }, steps: [], logs: [{ blockId: null, level: "error", message }], effects: [], callbacks: [], children: [],
  finished: { status: "failed", message, outputs: {} },
});

async function turnFor(run: ClaimedRun, data: TurnData, lists: Map<string, unknown[][]>): Promise<{ turn: TurnOutput; consumed: number[] }> {
  const pb = await compiled(run.playbook_id, run.playbook_version);
  const state: RunState = run.state.frontier ? (run.state as RunState) : freshState(pb.code !== null ? "on_start" : (pb.graph?.start ?? ""));
  if (!pb.graph && pb.code === null) return { turn: failed(state, `playbook ${pb.name} cannot run: ${pb.error}`), consumed: [] };
  if (run.deadline.getTime() < Date.now()) {
    const limit = Math.round((run.deadline.getTime() - run.start_time.getTime()) / 1000);
    return { turn: failed(state, `the playbook run exceeded its time limit of ${limit} seconds`), consumed: [] };
  }
  const completions = data.completions.get(run.id) ?? [];
  const common = {
    state, completions, outputSpec: pb.outputSpec, customFunctions: pb.customFunctions, pythonCustomFunctions: pb.pythonCustomFunctions, actionsAvailable: true,
    data: {
      container: data.containers.get(run.container_id) ?? { id: run.container_id },
      artifacts: scopedArtifacts(run, data.artifacts.get(run.container_id) ?? []),
      inputs: run.inputs,
      lists: Object.fromEntries(pb.lists.map((l) => [l, lists.get(l) ?? []])),
    },
  };
  const info = { id: pb.id, name: pb.bareName, repo: pb.repo, run_id: run.id, container_id: run.container_id, effective_user: run.started_by, base_url: process.env.VIGIL_BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}` };
  const turn = pb.graph ? await runTurn({ ...common, graph: pb.graph }) : await runCodeTurn({ ...common, code: pb.code ?? "", language: pb.language, info });
  return { turn, consumed: completions.map((c) => c.id) };
}

export async function prepare(run: ClaimedRun, data: TurnData, lists: Map<string, unknown[][]>, lookups: AssetLookups): Promise<TurnCommit> {
  const pb = await compiled(run.playbook_id, run.playbook_version);
  const actor: Actor = { id: null, name: `playbook ${pb.name}`, role: "system" };
  const first = await turnFor(run, data, lists);
  let turn = first.turn;
  let children: ChildRef[] = [];
  const actions = new Map<string, PlannedActionRun>();
  try {
    children = await childRefs(turn);
    for (const c of turn.callbacks) {
      if (c.kind !== "action") continue;
      const d = c.detail as { action: string; assets: string[]; parameters: Record<string, unknown>[]; name: string };
      const input = newActionRunSchema.safeParse({ action: d.action, container_id: run.container_id, name: d.name, targets: [{ assets: d.assets, parameters: d.parameters }] });
      if (!input.success) throw new Error(`block ${d.name} failed: ${input.error.issues[0]?.message}`);
      try {
        // The container exists (the run's foreign key); assets are looked up once per batch.
        actions.set(c.blockId, await planActionRun(input.data, { containerKnown: true, lookups }));
      } catch (err) {
        if (transientKind(err) || pb.code === null) throw new Error(`block ${d.name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        // A code playbook's action that cannot start (no asset for the app, say) fails as in SOAR:
        // its callback runs with success=False and the message, and the playbook goes on.
        const message = err instanceof Error ? err.message : String(err);
        // No app run exists, so its ids are null; the keys are there as on every SOAR action result.
        c.failedResult = {
          status: "failed", message, action_run_id: null, action: d.action, name: d.name,
          results: d.parameters.map((parameter) => ({ status: "failed", message, parameter, data: [], summary: {}, app_run_id: null, action_run_id: null, action: d.action, asset_id: null, asset: d.assets[0] ?? null, app_id: null, app: null, app_name: null })),
        };
      }
    }
  } catch (err) {
    // A database fault while planning is no reason to fail the run: the turn is tried again.
    if (transientKind(err)) throw err;
    turn = failed(turn.state, err instanceof Error ? err.message : String(err));
    children = [];
    actions.clear();
  }
  return { run, turn, consumed: first.consumed, children, actor, actions };
}

/** Commits one run's turn alone; a refused container change fails the block and ends the run. */
export async function commitOne(owner: string, c: TurnCommit): Promise<void> {
  try {
    await commitTurns(owner, [c]);
  } catch (err) {
    if (!(err instanceof EffectRefused)) throw err;
    // The container refused a change (a status that does not exist, say): the block fails, the run ends.
    const message = `block ${err.blockId} failed: ${err.message}`;
    await commitTurns(owner, [{ ...c, turn: failed(c.turn.state, message), children: [] }]);
  }
}
