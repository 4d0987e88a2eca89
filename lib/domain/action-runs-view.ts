// Action runs as the console shows them: each with its app runs, their results and the table
// columns of the action's output data paths (lib/apps/output-columns.ts). Results carry no
// secrets: the runner redacted them before they were written.
import { db } from "../db/client";
import { outputColumns, type OutputColumn, type ResultEntry } from "../apps/output-columns";
import type { AppManifest } from "../schemas/app-manifest";
import { DomainError } from "./errors";

export interface AppRunView {
  id: number;
  assetName: string;
  appName: string;
  status: string;
  message: string;
  attempt: number;
  results: ResultEntry[];
  columns: OutputColumn[];
}

export interface ActionRunView {
  id: number;
  name: string;
  action: string;
  status: string;
  message: string;
  total: number;
  remaining: number;
  creatorName: string;
  createdAt: string;
  closedAt: string | null;
  cancelRequested: boolean;
  appRuns: AppRunView[];
}

export const FINISHED = new Set(["success", "failed", "partial", "cancelled"]);

async function views(where: { id?: number; containerId?: number }, take: number): Promise<ActionRunView[]> {
  const runs = await db.actionRun.findMany({
    where, orderBy: { id: "desc" }, take,
    include: { appRuns: { orderBy: { id: "asc" }, take: 200, include: { asset: { select: { name: true, app: { select: { name: true, manifest: true } } } } } } },
  });
  const columnsOf = new Map<string, OutputColumn[]>();
  return runs.map((r) => ({
    id: r.id, name: r.name, action: r.action, status: r.status, message: r.message, total: r.total, remaining: r.remaining,
    creatorName: r.creatorName, createdAt: r.createdAt.toISOString(), closedAt: r.closedAt?.toISOString() ?? null, cancelRequested: r.cancelledAt !== null,
    appRuns: r.appRuns.map((a) => {
      const key = `${a.appId}:${a.identifier}`;
      if (!columnsOf.has(key)) {
        const action = (a.asset.app.manifest as unknown as AppManifest).actions?.find((x) => x.identifier === a.identifier);
        columnsOf.set(key, action ? outputColumns(action) : []);
      }
      return {
        id: a.id, assetName: a.asset.name, appName: a.asset.app.name, status: a.status, message: a.message, attempt: a.attempt,
        results: Array.isArray(a.resultData) ? (a.resultData as unknown as ResultEntry[]) : [], columns: columnsOf.get(key)!,
      };
    }),
  }));
}

/** A container's latest action runs, newest first. */
export function containerActionRuns(containerId: number, limit = 20): Promise<ActionRunView[]> {
  return views({ containerId }, limit);
}

export async function actionRunView(id: number): Promise<ActionRunView> {
  const [run] = await views({ id }, 1);
  if (!run) throw new DomainError("not_found", `action run ${id} does not exist`);
  return run;
}
