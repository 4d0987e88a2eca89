// What the playbook editor's forms offer: installed actions with their parameters, output data
// paths and assets; custom functions and playbooks to call; roles and users for prompts; recent
// containers to debug on; CEF fields seen on containers with the playbook's labels.
import { db } from "../db/client";
import type { AppManifest } from "../schemas/app-manifest";
import { ROLES } from "../auth/permissions";
import { runnableActions, type CatalogAction } from "./action-catalog";

export interface EditorAction extends CatalogAction { outputs: string[] }
export interface EditorContext {
  actions: EditorAction[];
  customFunctions: string[];
  playbooks: string[];
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
    db.playbook.findMany({ select: { repo: true, name: true }, orderBy: { name: "asc" }, take: 1000 }),
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
    users: users.map((u) => u.username),
    roles: [...ROLES],
    containers,
    cefFields: cef.map((r) => r.key),
  };
}
