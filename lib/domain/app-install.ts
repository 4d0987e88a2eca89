// Installing an app from a tarball (console upload and POST /rest/app): `manifest.json` in the
// SOAR app metadata shape and `index.js`, a JavaScript bundle whose default export is the
// AppModule (lib/apps/sdk.ts), at the top of the archive or in one folder. gzip or plain tar.
// The manifest is validated before anything is written, and a refusal names the field at fault.
// Each version goes into its own folder under <data dir>/apps/<appid>/, so an upgrade never
// changes files a running app's process has loaded: the app's row points at the new folder and
// its assets' versions are bumped, which makes every worker start the new code for new runs.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { App, Prisma } from "@prisma/client";
import { installedAppsDir } from "../apps/registry";
import { db } from "../db/client";
import { manifestProblem, manifestSchema, type AppManifest } from "../schemas/app-manifest";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { readTarEntries } from "./tar-entries";
import { inTransaction } from "./transactions";

/** The largest app tarball accepted (gzip or not) and the largest it may unpack to. */
export const APP_MAX_BYTES = 5 * 1024 * 1024;
const UNPACKED_MAX_BYTES = 20 * 1024 * 1024;
const FILES = ["manifest.json", "index.js"] as const;

const bad = (message: string, field = "app") => new DomainError("invalid", message, field);

async function readEntries(archive: Buffer): Promise<Map<string, Buffer>> {
  let bytes = archive;
  if (archive[0] === 0x1f && archive[1] === 0x8b) {
    try {
      bytes = gunzipSync(archive, { maxOutputLength: UNPACKED_MAX_BYTES });
    } catch (err) {
      throw bad(`app: not a readable gzip file (${(err as Error).message})`);
    }
  }
  return readTarEntries(bytes, (header, kept) => {
    // "manifest.json", "./manifest.json" or "<folder>/manifest.json"; anything else is skipped.
    const parts = header.name.replace(/^\.\//, "").split("/").filter(Boolean);
    const name = parts.slice(-1)[0] ?? "";
    if (header.type !== "file" || parts.length > 2 || !(FILES as readonly string[]).includes(name)) return "skip";
    if (kept.has(name)) return bad(`app: the archive holds ${name} twice`);
    return { keep: name };
  }, (message) => bad(`app: not a readable tar file (${message})`));
}

/** The manifest and bundle of an app tarball, checked; throws naming the file and field at fault. */
export async function readAppArchive(archive: Buffer): Promise<{ manifest: AppManifest; code: Buffer }> {
  if (archive.length > APP_MAX_BYTES) throw new DomainError("too_large", `app: the archive is ${archive.length} bytes; at most ${APP_MAX_BYTES} are accepted`, "app");
  const entries = await readEntries(archive);
  const rawManifest = entries.get("manifest.json");
  if (!rawManifest) throw bad("manifest.json: missing (the app's SOAR-style metadata)", "manifest.json");
  const code = entries.get("index.js");
  if (!code || !code.length) throw bad("index.js: missing (the app's JavaScript bundle, whose default export is { actions })", "index.js");
  let raw: unknown;
  try {
    raw = JSON.parse(rawManifest.toString("utf8"));
  } catch (err) {
    throw bad(`manifest.json: not valid JSON (${(err as Error).message})`, "manifest.json");
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw bad(`manifest.json: ${manifestProblem(parsed.error)}`, "manifest.json");
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(parsed.data.appid)) throw bad("manifest.json: appid: expected letters, digits, . _ - (as a UUID is)", "manifest.json");
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/.test(parsed.data.app_version)) throw bad("manifest.json: app_version: expected a version such as 1.2.0", "manifest.json");
  return { manifest: parsed.data, code };
}

/** Writes a version's files into a fresh folder (written aside, then renamed into place). */
async function writeVersion(manifest: AppManifest, code: Buffer, sha: string): Promise<string> {
  const directory = `${manifest.appid}/${manifest.app_version}-${sha.slice(0, 12)}`;
  const final = path.join(installedAppsDir(), directory);
  const tmp = `${final}.${randomBytes(6).toString("hex")}.tmp`;
  await mkdir(tmp, { recursive: true });
  try {
    await writeFile(path.join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2));
    await writeFile(path.join(tmp, "index.js"), code);
    await rm(final, { recursive: true, force: true });
    await rename(tmp, final);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return directory;
}

/**
 * Installs an app, or upgrades the installed app with the same appid to this version. A
 * built-in app's appid cannot be taken over. Answers the app and whether it was an upgrade.
 */
export async function installApp(archive: Buffer, actor: Actor): Promise<{ app: App; upgraded: boolean; previousVersion: string | null }> {
  const { manifest, code } = await readAppArchive(archive);
  const existing = await db.app.findUnique({ where: { appid: manifest.appid } });
  if (existing?.builtin) throw new DomainError("conflict", `manifest.json: appid: ${manifest.appid} is the built-in ${existing.name} app, which cannot be replaced`, "manifest.json");
  const sha = createHash("sha256").update(JSON.stringify(manifest)).update(code).digest("hex");
  const directory = await writeVersion(manifest, code, sha);
  const fields = {
    directory, name: manifest.name, appVersion: manifest.app_version, productVendor: manifest.product_vendor, productName: manifest.product_name,
    description: manifest.description ?? "", type: manifest.type ?? "", manifest: manifest as unknown as Prisma.InputJsonObject, error: null,
  };
  return inTransaction(async (tx) => {
    const app = existing
      ? await tx.app.update({ where: { id: existing.id }, data: fields })
      : await tx.app.create({ data: { ...fields, appid: manifest.appid, builtin: false, enabled: true } });
    // Workers cache each asset's app folder by the asset's version: new runs load the new code.
    if (existing) await tx.asset.updateMany({ where: { appId: app.id }, data: { version: { increment: 1 } } });
    await appendAudit(tx, actor, {
      action: existing ? "app.upgrade" : "app.install", objectType: "app", objectId: app.id,
      detail: { name: app.name, appid: manifest.appid, version: manifest.app_version, ...(existing ? { previous_version: existing.appVersion } : {}), sha256: sha },
    });
    return { app, upgraded: !!existing, previousVersion: existing?.appVersion ?? null };
  });
}
