// Playbooks and their runs (issue 9): save a playbook (every save of its graph or code is a new
// version with author, time and message), start a run by hand, cancel it, answer a prompt, read
// runs and their logs. The engine (lib/engine) executes the runs; this is what the console, REST
// and other playbooks call.
import type { Playbook, PlaybookRun, PlaybookRunLog, Prisma } from "@prisma/client";
import { db } from "../db/client";
import { compileGraph, GraphError } from "../engine/graph";
import { completeCallback, ENGINE_CHANNEL, timeLimitSeconds } from "../engine/runs";
import type { NewPlaybook } from "../schemas/playbooks";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { assertRunnable } from "./playbook-checks";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";
import { inTransaction } from "./transactions";
import { Prisma as P } from "@prisma/client";

export type PlaybookRef = number | string;

function checkGraph(input: Pick<NewPlaybook, "graph">): void {
  if (!input.graph) return;
  try {
    compileGraph(input.graph);
  } catch (err) {
    if (err instanceof GraphError) throw new DomainError("invalid", `graph: ${err.message}`, "graph");
    throw err;
  }
}

const columns = (p: NewPlaybook) => ({
  description: p.description, category: p.category, tags: p.tags, labels: p.labels, active: p.active, type: p.type,
  inputSpec: p.input_spec as Prisma.InputJsonValue, outputSpec: p.output_spec as Prisma.InputJsonValue,
  graph: (p.graph ?? P.DbNull) as Prisma.InputJsonValue, code: p.code ?? null, language: p.language,
});

export async function createPlaybook(input: NewPlaybook, actor: Actor): Promise<Playbook> {
  checkGraph(input);
  if (input.active) await assertRunnable({ graph: input.graph, inputSpec: input.input_spec }, "activated");
  return inTransaction(async (tx) => {
    const p = await tx.playbook.create({ data: { repo: input.repo, name: input.name, ...columns(input), version: 1 } });
    await tx.playbookVersion.create({ data: { playbookId: p.id, version: 1, author: actor.name, message: input.message || "created", graph: columns(input).graph, code: p.code } });
    await appendAudit(tx, actor, { action: "playbook.create", objectType: "playbook", objectId: p.id, detail: { name: `${p.repo}/${p.name}` } });
    return p;
  }, { violations: { "23505": new DomainError("conflict", `a playbook named ${input.repo}/${input.name} exists`, "name") } });
}

/**
 * Saves a new version of the playbook (graph, code, settings). With `baseVersion` (the version
 * the editor started from) a save over someone else's newer version is refused as a conflict
 * instead of overwriting it; the check and the write are one conditional UPDATE.
 */
export async function updatePlaybook(ref: PlaybookRef, input: NewPlaybook, actor: Actor, opts: { baseVersion?: number } = {}): Promise<Playbook> {
  checkGraph(input);
  const current = await getPlaybook(ref);
  if (input.active) await assertRunnable({ graph: input.graph, inputSpec: input.input_spec }, "activated");
  const base = opts.baseVersion ?? current.version;
  return inTransaction(async (tx) => {
    const version = base + 1;
    const n = await tx.playbook.updateMany({ where: { id: current.id, version: base }, data: { name: input.name, ...columns(input), version } });
    if (n.count === 0) {
      const now = await tx.playbookVersion.findFirst({ where: { playbookId: current.id }, orderBy: { version: "desc" } });
      throw new DomainError("conflict", `version ${now?.version ?? "?"} was saved by ${now?.author ?? "someone"} after you opened version ${base}: your changes are not saved; reload to see theirs (copy your blocks first)`, "version");
    }
    const p = await tx.playbook.findUniqueOrThrow({ where: { id: current.id } });
    await tx.playbookVersion.create({ data: { playbookId: p.id, version, author: actor.name, message: input.message || "updated", graph: columns(input).graph, code: p.code } });
    await appendAudit(tx, actor, { action: "playbook.update", objectType: "playbook", objectId: p.id, detail: { version } });
    return p;
  });
}

export async function setPlaybookActive(ref: PlaybookRef, active: boolean, actor: Actor): Promise<Playbook> {
  const current = await getPlaybook(ref);
  if (active) await assertRunnable(current, "activated");
  return inTransaction(async (tx) => {
    const p = await tx.playbook.update({ where: { id: current.id }, data: { active } });
    await appendAudit(tx, actor, { action: active ? "playbook.activate" : "playbook.deactivate", objectType: "playbook", objectId: p.id });
    return p;
  });
}

export async function getPlaybook(ref: PlaybookRef): Promise<Playbook> {
  const where = typeof ref === "number" ? { id: ref } : (() => {
    const [repo, ...rest] = ref.split("/");
    return { repo_name: { repo: repo!, name: rest.join("/") } };
  })();
  const p = await db.playbook.findUnique({ where });
  if (!p) throw new DomainError("not_found", `playbook ${typeof ref === "number" ? ref : JSON.stringify(ref)} does not exist`);
  return p;
}

export const PLAYBOOK_FIELDS: FieldMap = {
  id: field("id", "int"), name: field("name", "text"), repo: field("repo", "text"), scm: field("repo", "text"),
  scm_id: field("(select r.id from scm_repos r where r.name = repo)", "int"), tags: field("tags", "text[]"),
  active: field("active", "bool"), category: field("category", "text"), type: field("type", "text"),
  create_time: field("create_time", "time"), modified_time: field("update_time", "time"),
};

/**
 * SOAR filters playbooks by repository id (`_filter_scm=3`, what /rest/scm answers), Vigil by
 * name (`_filter_scm="local"`): a number (unquoted) is taken as the id.
 */
function scmById(query: ListQuery): ListQuery {
  const filters = query.filters.map((f) => (f.field === "scm" && !f.path.length && (typeof f.value === "number" || (Array.isArray(f.value) && f.value.length > 0 && f.value.every((v) => typeof v === "number")))
    ? { ...f, field: "scm_id" } : f));
  return { ...query, filters };
}

export function listPlaybooks(query: ListQuery): Promise<Page<Playbook & { scmId: number | null }>> {
  return runList<Playbook & { scmId: number | null }>({
    select: P.sql`id, repo, name, description, category, tags, labels, active, type, input_spec as "inputSpec", output_spec as "outputSpec",
      version, create_time as "createdAt", update_time as "updatedAt", (select r.id from scm_repos r where r.name = repo) as "scmId"`,
    from: P.sql`playbooks`, fields: PLAYBOOK_FIELDS, query: scmById(query), idColumn: P.sql`id`,
  });
}

export async function saveCustomFunction(input: { repo: string; name: string; code: string; description?: string }, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const cf = await tx.customFunction.upsert({
      where: { repo_name: { repo: input.repo, name: input.name } },
      create: { repo: input.repo, name: input.name, code: input.code, description: input.description ?? "" },
      update: { code: input.code, description: input.description ?? "" },
    });
    await appendAudit(tx, actor, { action: "custom_function.save", objectType: "custom_function", objectId: cf.id, detail: { name: `${cf.repo}/${cf.name}` } });
  });
}

export interface StartRun {
  playbook: PlaybookRef;
  containerId: number;
  scope?: "new" | "all";
  inputs?: Record<string, unknown>;
  timeLimitSeconds?: number;
  /** Started from the editor's debugger: marked in the audit trail, refused while the graph has errors. */
  debug?: boolean;
}

/** Starts a run by hand (console, REST): committed and announced to the workers before it returns. */
export async function startPlaybookRun(input: StartRun, actor: Actor): Promise<PlaybookRun> {
  const p = await getPlaybook(input.playbook);
  const inputs = input.inputs ?? {};
  if (p.type !== "input" && Object.keys(inputs).length > 0) throw new DomainError("invalid", "inputs: only input playbooks take inputs", "inputs");
  if (input.debug) await assertRunnable(p, "debugged");
  const limit = input.timeLimitSeconds ?? timeLimitSeconds();
  return inTransaction(async (tx) => {
    const floor = await tx.playbookRun.aggregate({ where: { playbookId: p.id, containerId: input.containerId }, _max: { artifactMax: true } });
    const max = await tx.artifact.aggregate({ where: { containerId: input.containerId }, _max: { id: true } });
    const run = await tx.playbookRun.create({
      data: {
        playbookId: p.id, playbookVersion: p.version, containerId: input.containerId, scope: input.scope ?? "new",
        artifactFloor: floor._max.artifactMax ?? 0, artifactMax: max._max.id ?? 0, inputs: inputs as Prisma.InputJsonValue,
        deadline: new Date(Date.now() + limit * 1000), startedBy: actor.name,
      },
    });
    await appendAudit(tx, actor, { action: "playbook_run.start", objectType: "playbook_run", objectId: run.id, containerId: input.containerId, detail: { playbook: `${p.repo}/${p.name}`, ...(input.debug ? { debug: true } : {}) } });
    await tx.$executeRaw`select pg_notify(${ENGINE_CHANNEL}, '')`;
    return run;
  }, { violations: { "23503": new DomainError("invalid", `container_id: container ${input.containerId} does not exist`, "container_id") } });
}

/** Cancels a running run and the child runs it waits for; what it waits for is dropped. */
export async function cancelPlaybookRun(id: number, actor: Actor): Promise<PlaybookRun> {
  return inTransaction(async (tx) => {
    const run = await tx.playbookRun.findUnique({ where: { id } });
    if (!run) throw new DomainError("not_found", `playbook run ${id} does not exist`);
    if (run.status !== "running") throw new DomainError("conflict", `playbook run ${id} is ${run.status}, not running`);
    const ids = [id];
    for (let i = 0; i < ids.length && ids.length < 1000; i++) {
      for (const c of await tx.playbookRun.findMany({ where: { parentRunId: ids[i], status: "running" }, select: { id: true } })) ids.push(c.id);
    }
    const message = `cancelled by ${actor.name}`;
    await tx.playbookRun.updateMany({ where: { id: { in: ids }, status: "running" }, data: { status: "cancelled", message, endedAt: new Date(), ready: false } });
    await tx.playbookCallback.updateMany({ where: { runId: { in: ids }, status: "pending" }, data: { status: "cancelled" } });
    await tx.playbookRunLog.create({ data: { runId: id, level: "info", message } });
    await appendAudit(tx, actor, { action: "playbook_run.cancel", objectType: "playbook_run", objectId: id, containerId: run.containerId });
    return tx.playbookRun.findUniqueOrThrow({ where: { id } });
  });
}

export async function getPlaybookRun(id: number): Promise<PlaybookRun & { playbookName: string }> {
  const run = await db.playbookRun.findUnique({ where: { id }, include: { playbook: { select: { repo: true, name: true } } } });
  if (!run) throw new DomainError("not_found", `playbook run ${id} does not exist`);
  const { playbook, ...rest } = run;
  return { ...rest, playbookName: `${playbook.repo}/${playbook.name}` };
}

export const RUN_FIELDS: FieldMap = {
  id: field("id", "int"), container: field("container_id", "int"), playbook: field("playbook_id", "int"), status: field("status", "text"),
  start_time: field("start_time", "time"), end_time: field("end_time", "time"), parent_playbook_run: field("parent_run_id", "int"),
};

export function listPlaybookRuns(query: ListQuery): Promise<Page<PlaybookRun>> {
  return runList<PlaybookRun>({
    select: P.sql`id, playbook_id as "playbookId", playbook_version as "playbookVersion", container_id as "containerId",
      parent_run_id as "parentRunId", status, message, scope, inputs, outputs, state, start_time as "startedAt", end_time as "endedAt",
      started_by as "startedBy", artifact_max as "artifactMax"`,
    from: P.sql`playbook_runs`, fields: RUN_FIELDS, query, idColumn: P.sql`id`,
  });
}

export async function playbookRunLog(id: number): Promise<PlaybookRunLog[]> {
  await getPlaybookRun(id);
  return db.playbookRunLog.findMany({ where: { runId: id }, orderBy: { id: "asc" }, take: 10_000 });
}

export interface PendingPrompt { id: number; runId: number; blockId: string; approver: { user?: string; role?: string }; message: string; responses: { prompt: string; type: string; options?: string[] }[]; due: Date | null }

export async function pendingPrompts(runId: number): Promise<PendingPrompt[]> {
  const rows = await db.playbookCallback.findMany({ where: { runId, kind: "prompt", status: "pending" }, orderBy: { id: "asc" } });
  return rows.map((r) => {
    const d = r.detail as Record<string, unknown>;
    return { id: r.id, runId: r.runId, blockId: r.blockId, approver: d.approver as PendingPrompt["approver"], message: String(d.message ?? ""), responses: (d.responses ?? []) as PendingPrompt["responses"], due: r.due };
  });
}

/** Answers a pending prompt: the run resumes with the responses as the prompt block's result. */
export async function answerPrompt(promptId: number, responses: string[], actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const cb = await tx.playbookCallback.findUnique({ where: { id: promptId } });
    if (!cb || cb.kind !== "prompt") throw new DomainError("not_found", `prompt ${promptId} does not exist`);
    if (cb.status !== "pending") throw new DomainError("conflict", `prompt ${promptId} is no longer waiting for an answer (${cb.status})`);
    const d = cb.detail as { approver?: { user?: string; role?: string }; responses?: { prompt: string; type: string; options?: string[] }[] };
    const mayAnswer = actor.role === "administrator" || actor.role === "system" || (d.approver?.user ? d.approver.user === actor.name : d.approver?.role === actor.role);
    if (!mayAnswer) throw new DomainError("forbidden", `prompt ${promptId} is for ${d.approver?.user ? `user ${d.approver.user}` : `role ${d.approver?.role ?? "?"}`}`);
    const expected = d.responses ?? [];
    if (responses.length !== expected.length) throw new DomainError("invalid", `responses: the prompt asks ${expected.length} question(s), got ${responses.length} answer(s)`, "responses");
    expected.forEach((q, i) => {
      const a = responses[i]!;
      const allowed = q.type === "yes/no" ? ["Yes", "No"] : q.type === "list" ? (q.options ?? []) : null;
      if (allowed && !allowed.includes(a)) throw new DomainError("invalid", `responses.${i}: answer one of ${allowed.join(", ")}`, "responses");
    });
    const result = {
      status: "success", message: responses.join(", "),
      results: [{ status: "success", message: responses.join(", "), parameter: { approver: d.approver, responder: actor.name }, data: [{ responses }], summary: { responses, responder: actor.name } }],
    };
    await completeCallback(tx, promptId, result);
    await appendAudit(tx, actor, { action: "prompt.answer", objectType: "prompt", objectId: promptId, detail: { responses } });
    await tx.$executeRaw`select pg_notify(${ENGINE_CHANNEL}, '')`;
  });
}
