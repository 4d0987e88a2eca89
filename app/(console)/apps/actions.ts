"use server";
// Apps and assets in the console. Each action: check the permission on the server, parse with
// the shared schema, call one domain function, refresh the pages that show it.
import { revalidatePath } from "next/cache";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { testAssetConnectivity } from "@/lib/domain/action-runs";
import { pollAssetNow } from "@/lib/domain/asset-polling";
import { APP_MAX_BYTES, installApp } from "@/lib/domain/app-install";
import { setAppEnabled } from "@/lib/domain/apps";
import { createAsset, updateAsset } from "@/lib/domain/assets";
import { appEnabledSchema, assetEditSchema, assetRefSchema, newAssetSchema } from "@/lib/schemas/assets";

const refresh = () => revalidatePath("/apps", "layout");

export async function setAppEnabledAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("apps.write");
  const p = parseInput(appEnabledSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await setAppEnabled(p.data.id, p.data.enabled, actorOf(user))), refresh);
}

export async function createAssetAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  const user = await requireAction("assets.manage");
  const p = parseInput(newAssetSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ id: (await createAsset(p.data, actorOf(user))).id }), refresh);
}

export async function updateAssetAction(input: unknown): Promise<ActionResult> {
  const user = await requireAction("assets.manage");
  const p = parseInput(assetEditSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await updateAsset(p.data.id, p.data.patch, actorOf(user))), refresh);
}

/** Starts the app's test connectivity on the asset; the form polls /api/action-runs/<id>. */
export async function testConnectivityAction(input: unknown): Promise<ActionResult<{ actionRunId: number }>> {
  const user = await requireAction("assets.manage");
  const p = parseInput(assetRefSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ actionRunId: (await testAssetConnectivity(p.data.id, actorOf(user))).id }));
}

/** "Poll now" on an ingest asset; the panel polls /api/action-runs/<id> like test connectivity. */
export async function pollNowAction(input: unknown): Promise<ActionResult<{ actionRunId: number }>> {
  const user = await requireAction("assets.manage");
  const p = parseInput(assetRefSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ actionRunId: (await pollAssetNow(p.data.id, actorOf(user))).id }), refresh);
}

/** Installs or upgrades an app from the uploaded tarball (form field "tarball"). */
export async function installAppAction(form: FormData): Promise<ActionResult<{ name: string; version: string; upgraded: boolean; previousVersion: string | null }>> {
  const user = await requireAction("apps.write");
  const file = form.get("tarball");
  if (!(file instanceof File) || file.size === 0) return { ok: false, error: "app: choose the app's tarball (.tgz)" };
  if (file.size > APP_MAX_BYTES) return { ok: false, error: `app: the archive is ${file.size} bytes; at most ${APP_MAX_BYTES} are accepted` };
  return runAction(async () => {
    const { app, upgraded, previousVersion } = await installApp(Buffer.from(await file.arrayBuffer()), actorOf(user));
    return { name: app.name, version: app.appVersion, upgraded, previousVersion };
  }, refresh);
}
