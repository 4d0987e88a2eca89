// What the playbook editor's forms offer: installed actions with their parameters, output data
// paths and assets; custom functions and playbooks to call; roles and users for prompts; recent
// containers to debug on; CEF fields seen on containers with the playbook's labels.
import { db } from "../db/client";
import { format, type Formatted } from "../engine/format";
import { loadTurnData } from "../engine/runs";
import { DomainError } from "./errors";
import type { AppManifest } from "../schemas/app-manifest";
import { ROLES } from "../auth/permissions";
import { runnableActions, type CatalogAction } from "./action-catalog";

export interface EditorAction extends CatalogAction { outputs: string[] }
export interface EditorContext {
  actions: EditorAction[];
  customFunctions: string[];
  playbooks: string[];
  /** Output names of each playbook (by repo/name), from its output spec: what a child playbook block returns. */
  playbookOutputs: Record<string, string[]>;
  users: string[];
  roles: string[];
  containers: { id: number; name: string; label: string }[];
  cefFields: string[];
}

export async function editorContext(labels: string[]): Promise<EditorContext> {
  const [actions, apps, cfs, pbs, users, containers] = await Promise.all([
    runnableActions(),
    db.app.findMany({ where: { enabled: true }, select: { id: true, manifest: true } }),
    db.customFunction.findMany({ select: { repo: true, name: true }, orderBy: { name: "asc" }, take: 1000 }),
    db.playbook.findMany({ select: { repo: true, name: true, outputSpec: true }, orderBy: { name: "asc" }, take: 1000 }),
    db.user.findMany({ where: { disabled: false }, select: { username: true }, orderBy: { username: "asc" }, take: 1000 }),
    db.container.findMany({ select: { id: true, name: true, label: true }, orderBy: { id: "desc" }, take: 50 }),
  ]);
  const outputs = new Map(apps.flatMap((a) => ((a.manifest as unknown as AppManifest).actions ?? []).map((x) => [`${a.id}/${x.action}`, (x.output ?? []).map((o) => o.data_path)] as const)));
  const any = labels.includes("*");
  // CEF keys of recent artifacts on containers with these labels: what `artifact:*.cef.<key>` can read.
  const cef = await db.$queryRaw<{ key: string }[]>`
    select distinct k.key from (
      select a.cef from artifacts a join containers c on c.id = a.container_id
      where ${any} or c.label = any(${labels}) order by a.id desc limit 2000) a,
    lateral jsonb_object_keys(case when jsonb_typeof(a.cef) = 'object' then a.cef else '{}'::jsonb end) as k(key)
    order by 1 limit 300`;
  return {
    actions: actions.map((a) => ({ ...a, outputs: outputs.get(`${a.appId}/${a.action}`) ?? [] })),
    customFunctions: cfs.map((c) => `${c.repo}/${c.name}`),
    playbooks: pbs.map((p) => `${p.repo}/${p.name}`),
    playbookOutputs: Object.fromEntries(pbs.map((p) => [`${p.repo}/${p.name}`, Array.isArray(p.outputSpec) ? (p.outputSpec as { name?: unknown }[]).map((o) => String(o.name ?? "")).filter(Boolean) : []])),
    users: users.map((u) => u.username),
    roles: [...ROLES],
    containers,
    cefFields: cef.map((r) => r.key),
  };
}

/**
 * A format block's output on a chosen container, computed by the engine's own format (so the
 * preview is what a run produces): the container and all its artifacts; other blocks' outputs
 * do not exist outside a run, so datapaths into them read as None.
 */
export async function formatPreview(containerId: number, block: { template: string; parameters: unknown[]; dropNone?: boolean; separator?: string }): Promise<Formatted> {
  const data = await loadTurnData([{ id: 0, container_id: containerId, artifact_max: 2_147_483_647 }]);
  const container = data.containers.get(containerId);
  if (!container) throw new DomainError("not_found", `container ${containerId} does not exist`);
  return format({ container, artifacts: data.artifacts.get(containerId) ?? [], blocks: {}, inputs: {}, lists: {} }, block.template, block.parameters, { dropNone: block.dropNone, separator: block.separator });
}
