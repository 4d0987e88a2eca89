// What the investigation page of a container reads beyond the container itself: its indicators,
// the containers that share them, and one activity timeline of everything that happened to it.
import { containerWorkbook } from "./workbooks/container-workbooks";
import { db } from "../db/client";
import { containerAppRuns } from "./action-runs";
import { listArtifacts } from "./artifacts";
import { caseEvidence, caseMembers, openCases } from "./cases";
import { getContainer } from "./containers";
import { queueChoices } from "./events-queue";
import { listComments, listNotes } from "./notes";
import { listPins } from "./pins";
import { describeAppRun, describeAudit, describePlaybookRun, referencedUsers } from "./timeline-text";
import { listAttachments } from "./vault";
import { suggestedActions } from "./workbooks/task-actions";

export interface ContainerIndicator {
  id: number;
  value: string;
  types: string[];
  fields: string[];
  count: number;
  lastSeen: Date;
}

export function containerIndicators(containerId: number): Promise<ContainerIndicator[]> {
  return db.$queryRaw<ContainerIndicator[]>`
    select i.id, i.value, i.types, array_agg(distinct l.field order by l.field) as fields, i.count, i.last_seen as "lastSeen"
    from indicator_artifacts l join indicators i on i.id = l.indicator_id
    where l.container_id = ${containerId}
    group by i.id order by i.value limit 500`;
}

export interface RelatedContainer {
  id: number;
  name: string;
  status: string;
  severity: string;
  containerType: string;
  shared: number;
}

/**
 * Containers sharing indicators with this one, most shared first. Each indicator contributes
 * only its 50 latest sightings: a value seen in half a million events (a resolver's address)
 * must not turn one page view into a scan of all of them.
 */
export function relatedContainers(containerId: number, limit = 20): Promise<RelatedContainer[]> {
  return db.$queryRaw<RelatedContainer[]>`
    select c.id, c.name, c.status, c.severity, c.container_type as "containerType", count(distinct x.indicator_id)::int as shared
    from (select distinct indicator_id from indicator_artifacts where container_id = ${containerId}) mine
    cross join lateral (
      select l.container_id, l.indicator_id from indicator_artifacts l
      where l.indicator_id = mine.indicator_id and l.container_id <> ${containerId}
      order by l.artifact_id desc limit 50
    ) x
    join containers c on c.id = x.container_id
    group by c.id order by shared desc, c.id desc limit ${limit}`;
}

export interface TimelineEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  /** A human line: the comment's text, the note's title, the fields changed. */
  text: string;
}

/**
 * The newest `limit` events of the container: its audit rows (comments shown with their text),
 * its app runs and its playbook runs, which are their own record (one audit row per app run
 * would serialise a 10,000-run action on the container's audit chain; a run a label trigger
 * started has no audit row of its own).
 */
/** A task's suggested playbooks as "repo/name" (what starting a run takes), from SOAR's {playbooks: [{playbook, scm}]}. */
function suggestedPlaybooks(suggestions: unknown): string[] {
  const list = (suggestions as { playbooks?: { playbook?: unknown; scm?: unknown }[] } | null)?.playbooks;
  return Array.isArray(list) ? list.filter((p) => typeof p?.playbook === "string" && p.playbook).map((p) => `${typeof p.scm === "string" && p.scm ? p.scm : "local"}/${p.playbook as string}`) : [];
}

export async function containerTimeline(containerId: number, limit = 200): Promise<TimelineEntry[]> {
  const [rows, comments, appRuns, playbookRuns] = await Promise.all([
    db.auditLog.findMany({ where: { containerId }, orderBy: { id: "desc" }, take: limit }),
    db.comment.findMany({ where: { containerId }, select: { id: true, content: true } }),
    containerAppRuns(containerId, limit),
    db.playbookRun.findMany({
      where: { containerId }, orderBy: { id: "desc" }, take: limit,
      select: { id: true, status: true, message: true, startedBy: true, startedAt: true, endedAt: true, playbook: { select: { repo: true, name: true } } },
    }),
  ]);
  const commentText = new Map(comments.map((c) => [String(c.id), c.content]));
  const userIds = [...new Set(rows.flatMap((r) => referencedUsers((r.detail ?? {}) as Record<string, unknown>)))];
  const named = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true } }) : [];
  const users = new Map(named.map((u) => [u.id, u.username]));
  const audit = rows.map((r) => ({
    id: String(r.id),
    at: r.at,
    actor: r.actorName,
    action: r.action,
    text: r.action === "comment.create" ? (commentText.get(r.objectId ?? "") ?? "") : describeAudit(r.action, (r.detail ?? {}) as Record<string, unknown>, users),
  }));
  const runs = appRuns.map((r) => ({
    id: `app_run:${r.id}`,
    at: r.endedAt ?? r.startedAt ?? r.createdAt,
    actor: r.appName,
    action: `app_run.${r.status}`,
    text: describeAppRun({ ...r, message: (r.resultData as { message?: string }[] | null)?.[0]?.message ?? r.message }),
  }));
  const playbooks = playbookRuns.map((r) => ({
    id: `playbook_run:${r.id}`,
    at: r.endedAt ?? r.startedAt,
    actor: `playbook ${r.playbook.repo}/${r.playbook.name}`,
    action: `playbook_run.${r.status}`,
    text: describePlaybookRun(r),
  }));
  return [...audit, ...runs, ...playbooks].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

/**
 * Everything the investigation page of a container shows, read in parallel. The activity
 * timeline is the container's audit trail, so it is read only for roles with audit.read
 * (`timeline: false` gives null).
 */
export async function investigation(id: number, opts: { timeline: boolean }) {
  const container = await getContainer(id);
  // Evidence marks belong to a case: the container itself when it is one, else the case holding it.
  const caseId = container.containerType === "case" ? container.id : container.parentId;
  const [artifacts, indicators, notes, comments, attachments, timeline, related, choices, marks, cases, parent, pins, workbook, templates] = await Promise.all([
    listArtifacts({ filters: [], order: "asc", page: 0, pageSize: 500 }, id),
    containerIndicators(id),
    listNotes(id),
    listComments(id),
    listAttachments({ containerId: id, page: 0, pageSize: 0 }),
    opts.timeline ? containerTimeline(id) : null,
    relatedContainers(id),
    queueChoices(),
    caseId ? db.evidence.findMany({ where: { caseId, containerId: id }, select: { objectType: true, objectId: true } }) : [],
    container.containerType === "case" ? [] : openCases(),
    container.parentId ? db.container.findUnique({ where: { id: container.parentId }, select: { id: true, name: true } }) : null,
    listPins({ filters: [], order: "asc", page: 0, pageSize: 100 }, id),
    containerWorkbook(id),
    db.workbookTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true }, take: 200 }),
  ]);
  return {
    container, caseId, artifacts: artifacts.data, indicators, notes, comments, attachments: attachments.data, timeline, related,
    choices, cases, parent, pins: pins.data, evidence: marks.map((m) => `${m.objectType}:${m.objectId}`),
    // Plain values: the workbook panel is a client component.
    workbook: workbook.map((p) => ({
      id: p.id, name: p.name,
      tasks: p.tasks.map((t) => ({
        id: t.id, name: t.name, description: t.description, status: t.status, isNoteRequired: t.isNoteRequired, ownerId: t.ownerId,
        dueTime: t.dueTime ? t.dueTime.toISOString() : null, slaBreached: t.slaBreached, notes: t.noteIds.length,
        playbooks: suggestedPlaybooks(t.suggestions),
        actions: suggestedActions(t.suggestions).map((a) => a.action),
      })),
    })),
    templates,
  };
}
export type Investigation = Awaited<ReturnType<typeof investigation>>;

/** The case page: the investigation of the case itself plus its containers and evidence. */
export async function caseOverview(caseId: number, opts: { timeline: boolean }) {
  const [base, members, evidence, closing] = await Promise.all([
    investigation(caseId, opts), caseMembers(caseId), caseEvidence(caseId),
    db.container.findUnique({ where: { id: caseId }, select: { resolution: true, closedBy: { select: { username: true } } } }),
  ]);
  return { ...base, members, caseEvidence: evidence, resolution: closing?.resolution ?? null, closedByName: closing?.closedBy?.username ?? null };
}
