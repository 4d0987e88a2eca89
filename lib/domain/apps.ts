// Installed apps as the registry (lib/apps/registry.ts) recorded them: the manifest, enabled or
// not, and why not when the manifest is bad.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Prisma, type App } from "@prisma/client";
import { appFolderRoot } from "../apps/registry";
import { db } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { inTransaction } from "./transactions";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";

export async function getApp(id: number): Promise<App> {
  const app = await db.app.findUnique({ where: { id } });
  if (!app) throw new DomainError("not_found", `app ${id} does not exist`);
  return app;
}

/** Longest app documentation read; the console renders markdown up to its own limit anyway. */
const DOC_LIMIT = 64 * 1024;

/** The app's doc page: README.md in its folder, or null when it has none. */
export async function appDocumentation(app: Pick<App, "builtin" | "directory">): Promise<string | null> {
  const file = path.join(appFolderRoot(app), app.directory, "README.md");
  try {
    return (await readFile(file, "utf8")).slice(0, DOC_LIMIT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

const APP_FIELDS: FieldMap = {
  id: field("id", "int"), name: field("name", "text"), appid: field("appid", "text"), product_name: field("product_name", "text"),
  product_vendor: field("product_vendor", "text"), disabled: field("not enabled", "bool"), type: field("type", "text"),
};

export function listApps(query: ListQuery): Promise<Page<App>> {
  return runList<App>({
    select: Prisma.sql`id, directory, appid, name, app_version as "appVersion", product_vendor as "productVendor", product_name as "productName",
      description, type, manifest, builtin, enabled, error, install_time as "installedAt", update_time as "updatedAt"`,
    from: Prisma.sql`apps`, fields: APP_FIELDS, query, idColumn: Prisma.sql`id`,
  });
}

/** Disables or enables an app; an app whose manifest is bad stays disabled until it is fixed. */
export async function setAppEnabled(id: number, enabled: boolean, actor: Actor): Promise<App> {
  const app = await getApp(id);
  if (enabled && app.error) throw new DomainError("invalid", `the ${app.name} app cannot be enabled: its manifest is bad (${app.error})`);
  return inTransaction(async (tx) => {
    const saved = await tx.app.update({ where: { id }, data: { enabled } });
    await appendAudit(tx, actor, { action: enabled ? "app.enable" : "app.disable", objectType: "app", objectId: id, detail: { name: app.name } });
    return saved;
  });
}

/** Every installed app with how many assets it has, for the console's apps page. */
export async function appsOverview(): Promise<(App & { assetCount: number })[]> {
  const apps = await db.app.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], include: { _count: { select: { assets: true } } } });
  return apps.map(({ _count, ...a }) => ({ ...a, assetCount: _count.assets }));
}
