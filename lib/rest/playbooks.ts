// REST shapes of playbooks and playbook runs, after SOAR's (fixtures/soar-rest/Phantom_playbook_run*.json).
import type { Playbook, PlaybookRun, PlaybookRunLog, PlaybookSchedule } from "@prisma/client";
import type { CustomFunctionRecord } from "../domain/custom-functions";
import type { ScmRecord } from "../domain/scm";
import { phantomTime } from "./shapes";

/** A repository in SOAR's shape: Vigil's are local (no remote git) and always readable. */
export function scmToRest(r: ScmRecord) {
  return { id: r.id, name: r.name, type: "local", uri: "", branch: "", read_only: false, disabled: false, create_time: phantomTime(r.createdAt) };
}

/** A custom function in SOAR's shape (`/rest/custom_function`); `scm` names the repository. */
export function customFunctionToRest(cf: CustomFunctionRecord) {
  return {
    id: cf.id, name: cf.name, scm: cf.repo, description: cf.description, language: cf.language,
    draft_mode: false, create_time: phantomTime(cf.createdAt), modified_time: phantomTime(cf.updatedAt),
  };
}

export function playbookToRest(p: Playbook & { scmId?: number | null }, opts: { detail: boolean } = { detail: false }) {
  return {
    // SOAR answers scm as the repository's id and _pretty_scm as its name; Vigil has always
    // answered the name in scm, which its clients read, so the id is scm_id.
    id: p.id, name: p.name, scm: p.repo, scm_id: p.scmId ?? null, _pretty_scm: p.repo, repo: p.repo, disabled: false, description: p.description, category: p.category, tags: p.tags,
    labels: p.labels, active: p.active, type: p.type, playbook_type: p.type === "input" ? "data" : "automation",
    input_spec: p.inputSpec, output_spec: p.outputSpec, version: p.version,
    create_time: phantomTime(p.createdAt), modified_time: phantomTime(p.updatedAt),
    ...(opts.detail ? { graph: p.graph, code: p.code } : {}),
  };
}

export function playbookRunToRest(r: PlaybookRun) {
  return {
    id: r.id,
    playbook: r.playbookId,
    version: r.playbookVersion,
    container: r.containerId,
    status: r.status,
    message: r.message,
    start_time: phantomTime(r.startedAt),
    end_time: phantomTime(r.endedAt),
    update_time: phantomTime(r.endedAt ?? r.startedAt),
    cancelled: r.status === "cancelled" ? phantomTime(r.endedAt) : null,
    misc: { scope: r.scope, parent_playbook_run: r.parentRunId },
    run_data: (r.state as { runData?: unknown } | null)?.runData ?? {},
    inputs: r.inputs,
    outputs: r.outputs,
    last_artifact: r.artifactMax,
    effective_user: r.startedBy,
    log: `/rest/playbook_run/${r.id}/log`,
  };
}

export function runLogToRest(l: PlaybookRunLog) {
  return { id: Number(l.id), playbook_run: l.runId, block: l.blockId, level: l.level, message: l.message, detail: l.detail, time: phantomTime(l.createdAt) };
}

export function scheduleToRest(s: PlaybookSchedule) {
  return {
    id: s.id, playbook: s.playbookId, container: s.containerId, cron: s.cron, timezone: s.timezone, scope: s.scope, active: s.active,
    next_run: phantomTime(s.nextRun), last_run: phantomTime(s.lastRun), last_playbook_run: s.lastRunId, created_by: s.createdBy, create_time: phantomTime(s.createdAt),
  };
}
