// A workbook task's suggested actions, run from the task with one click: the action on every
// enabled asset of the named app (of every app that has the action when none is named), with
// the parameters the template gave, as an ordinary action run on the task's container (so an
// asset that requires approval for it still asks its owners).
import { db } from "../../db/client";
import type { AppManifest } from "../../schemas/app-manifest";
import { createActionRun } from "../action-runs";
import type { Actor } from "../actor";
import { DomainError } from "../errors";

export interface SuggestedAction { action: string; app?: string | number; parameters?: Record<string, string | number | boolean> }

/** A task's suggested actions from SOAR's {actions: [{action, app}]} (entries without a name dropped). */
export function suggestedActions(suggestions: unknown): SuggestedAction[] {
  const list = (suggestions as { actions?: unknown[] } | null)?.actions;
  return Array.isArray(list) ? list.filter((a): a is SuggestedAction => typeof (a as SuggestedAction)?.action === "string" && (a as SuggestedAction).action !== "") : [];
}

export async function runSuggestedAction(containerId: number, taskId: number, index: number, actor: Actor): Promise<{ actionRunId: number; action: string }> {
  const task = await db.workbookTask.findUnique({ where: { id: taskId }, select: { containerId: true, name: true, suggestions: true } });
  if (!task || task.containerId !== containerId) throw new DomainError("not_found", `workbook task ${taskId} does not exist`);
  const s = suggestedActions(task.suggestions)[index];
  if (!s) throw new DomainError("invalid", `index: the task "${task.name}" has no suggested action ${index}`, "index");
  const apps = await db.app.findMany({ where: { enabled: true }, include: { assets: { where: { disabled: false }, select: { id: true } } } });
  const assets = apps
    .filter((a) => s.app === undefined || a.id === s.app || a.name === s.app || a.appid === s.app)
    .filter((a) => ((a.manifest as unknown as AppManifest).actions ?? []).some((x) => x.action === s.action))
    .flatMap((a) => a.assets.map((x) => x.id));
  if (assets.length === 0) {
    throw new DomainError("invalid", `no enabled asset can run "${s.action}"${s.app !== undefined ? ` (app ${s.app})` : ""}: configure one under Apps & Assets`, "action");
  }
  const run = await createActionRun({
    action: s.action, container_id: containerId, name: `${s.action} for task "${task.name}"`,
    targets: [{ assets, parameters: [s.parameters ?? {}] }],
  }, actor);
  return { actionRunId: run.id, action: s.action };
}
