// The app loader and the registry of built-in apps. An app is one folder under
// lib/apps/builtin/: `manifest.json` (SOAR app metadata) and `index.ts` (its AppModule). The
// manifest is validated when the app loads; a bad one is recorded in the `apps` table with the
// field at fault and the app disabled, and loading goes on with the next app: one broken app
// never stops the server. App code is not imported here: it only ever runs in the worker's
// child processes (lib/jobs/app-host.ts).
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Prisma } from "@prisma/client";
import { readConfig } from "../config";
import { db } from "../db/client";
import { log } from "../log";
import { manifestProblem, manifestSchema, type AppManifest } from "../schemas/app-manifest";

export const BUILTIN_DIR = path.join(process.cwd(), "lib", "apps", "builtin");

/** Where installed (uploaded) apps live: in the data directory, so backups and every node see them. */
export function installedAppsDir(): string {
  return path.join(readConfig().dataDir, "apps");
}

/** The folder an app's code runs from: built-in apps ship with Vigil, installed ones are in the data directory. */
export function appFolderRoot(app: { builtin: boolean }, builtinRoot = BUILTIN_DIR): string {
  return app.builtin ? builtinRoot : installedAppsDir();
}

export interface LoadedApp {
  directory: string;
  manifest: AppManifest | null;
  /** The raw manifest when it did not validate (for name and appid if readable). */
  raw: Record<string, unknown> | null;
  error: string | null;
}

/** Reads and validates one app folder; never throws for a bad app. */
export async function loadAppFolder(root: string, directory: string): Promise<LoadedApp> {
  const file = path.join(root, directory, "manifest.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : `not valid JSON (${(err as Error).message})`;
    return { directory, manifest: null, raw: null, error: `manifest.json: ${why}` };
  }
  const rawObject = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return { directory, manifest: null, raw: rawObject, error: `manifest.json: ${manifestProblem(parsed.error)}` };
  if (!existsSync(path.join(root, directory, "index.ts")) && !existsSync(path.join(root, directory, "index.js"))) {
    return { directory, manifest: null, raw: rawObject, error: "index.ts: missing (the app's code)" };
  }
  return { directory, manifest: parsed.data, raw: rawObject, error: null };
}

export async function loadAppFolders(root = BUILTIN_DIR): Promise<LoadedApp[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(dirs.map((d) => loadAppFolder(root, d)));
}

const text = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

/**
 * Brings the `apps` table in line with the folders: new apps are added, changed manifests
 * replace the stored one, broken ones are disabled with their error. An administrator's
 * "disabled" stays disabled across restarts; an app disabled only by an error comes back once
 * its manifest is fixed.
 */
export async function syncBuiltinApps(root = BUILTIN_DIR): Promise<LoadedApp[]> {
  const apps = await loadAppFolders(root);
  for (const app of apps) {
    const m = app.manifest ?? app.raw ?? {};
    const existing = await db.app.findUnique({ where: { directory: app.directory } });
    const appid = text(m.appid) || null;
    // Another folder already holds this appid: the second one is the broken one.
    const clash = appid ? await db.app.findFirst({ where: { appid, NOT: { directory: app.directory } }, select: { directory: true } }) : null;
    const error = app.error ?? (clash ? `manifest.json: appid: ${appid} is already used by app "${clash.directory}"` : null);
    const fields = {
      appid: clash ? null : appid,
      name: text(m.name, app.directory),
      appVersion: text(m.app_version),
      productVendor: text(m.product_vendor),
      productName: text(m.product_name),
      description: text(m.description),
      type: text(m.type),
      manifest: (app.manifest ?? app.raw ?? {}) as Prisma.InputJsonObject,
      error,
      enabled: error ? false : existing ? existing.enabled || existing.error !== null : true,
    };
    if (existing) await db.app.update({ where: { id: existing.id }, data: fields });
    else await db.app.create({ data: { directory: app.directory, builtin: true, ...fields } });
    if (error) log.error({ app: app.directory, error }, "app disabled: bad manifest");
  }
  return apps;
}
