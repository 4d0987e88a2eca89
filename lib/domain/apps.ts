// Installed apps as the registry (lib/apps/registry.ts) recorded them: the manifest, enabled or
// not, and why not when the manifest is bad.
import { Prisma, type App } from "@prisma/client";
import { db } from "../db/client";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";

export async function getApp(id: number): Promise<App> {
  const app = await db.app.findUnique({ where: { id } });
  if (!app) throw new DomainError("not_found", `app ${id} does not exist`);
  return app;
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
