// What can be run by hand: each enabled app's actions (not its test or ingest actions) with
// their parameters and the app's enabled assets. The investigation page offers the actions
// whose parameter `contains` matches a CEF value's types.
import { db } from "../db/client";
import type { CatalogAction } from "../apps/catalog";
import type { AppManifest } from "../schemas/app-manifest";

export type { CatalogAction };

export async function runnableActions(): Promise<CatalogAction[]> {
  const apps = await db.app.findMany({
    where: { enabled: true },
    orderBy: { name: "asc" },
    include: { assets: { where: { disabled: false }, select: { id: true, name: true }, orderBy: { name: "asc" } } },
  });
  return apps.filter((a) => a.assets.length).flatMap((app) =>
    ((app.manifest as unknown as AppManifest).actions ?? [])
      .filter((a) => a.type !== "test" && a.type !== "ingest")
      .map((a) => ({
        action: a.action, appId: app.id, appName: app.name, description: a.description ?? "", type: a.type, assets: app.assets,
        parameters: Object.entries(a.parameters)
          .sort(([, x], [, y]) => (x.order ?? 0) - (y.order ?? 0))
          .map(([name, p]) => ({
            name, data_type: p.data_type, description: p.description ?? "", contains: p.contains ?? [], primary: p.primary ?? false,
            required: p.required ?? false, default: p.default, value_list: p.value_list,
          })),
      })));
}
