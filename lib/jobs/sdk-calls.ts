// The worker's side of the SDK calls an app's child process makes (lib/apps/sdk.ts): app state,
// the vault, saveContainer and the custom lists. Each call is one lib/domain operation on
// behalf of whoever started the action run (a scheduled poll: the system), so what an app
// writes is validated and audited exactly as the same write from the console or REST.
import { readFile } from "node:fs/promises";
import { sqlPool } from "../db/sql";
import { isRole } from "../auth/permissions";
import type { Actor } from "../domain/actor";
import { createContainer } from "../domain/containers";
import { DomainError } from "../domain/errors";
import { addAttachment, vaultFile, vaultFileInfo } from "../domain/vault";
import { validate } from "../rest/body";
import { newContainerSchema } from "../schemas/containers";
import type { SavedContainer, VaultAdded } from "../apps/sdk";
import type { CallOp } from "./app-protocol";
import type { Claimed } from "./claim";
import { listsCall } from "./lists-call";

/** What the worker knows of the asset a call comes from. */
export interface CallingAsset {
  id: number;
  /** The app's folder: only the custom lists app may call lists.*. */
  directory: string;
  /** The app declares an ingest action: only then may it save containers. */
  ingest: boolean;
  /** The label of containers it saves without one (the asset's ingest settings). */
  ingestLabel: string | null;
}

export type RunOwner = Pick<Claimed, "creator_id" | "creator_name">;

/** The actor a run's calls act as: the user who started it, with their current role. */
export async function runActor(run: RunOwner): Promise<Actor> {
  if (run.creator_id === null) return { id: null, name: run.creator_name || "system", role: "system" };
  const { rows } = await sqlPool().query<{ role: string }>("select role from users where id = $1", [run.creator_id]);
  const role = rows[0]?.role;
  return { id: run.creator_id, name: run.creator_name, role: isRole(role) ? role : "system" };
}

const invalid = (message: string, field?: string) => new DomainError("invalid", message, field);

async function stateCall(assetId: number, op: CallOp, args: unknown[]): Promise<unknown> {
  if (op === "state.get") return (await sqlPool().query("select state from assets where id = $1", [assetId])).rows[0]?.state?.app;
  const value = JSON.stringify({ app: args[0] ?? null });
  if (value.length > 1_000_000) throw new DomainError("too_large", "app state is limited to 1 MB");
  await sqlPool().query("update assets set state = $2::jsonb where id = $1", [assetId, value]);
  return null;
}

async function vaultAdd(run: RunOwner, args: unknown[]): Promise<VaultAdded> {
  const [container, name, content, opts] = args as [unknown, unknown, unknown, { mimeType?: unknown } | undefined];
  if (!Number.isInteger(container) || (container as number) < 1) throw invalid("vault.add: container: expected a container id", "container");
  if (typeof name !== "string" || !name.trim() || name.length > 1024) throw invalid("vault.add: name: expected a file name (1-1024 characters)", "name");
  const bytes = typeof content === "string" ? Buffer.from(content) : content instanceof Uint8Array ? Buffer.from(content.buffer, content.byteOffset, content.byteLength) : null;
  if (!bytes) throw invalid("vault.add: content: expected bytes (Uint8Array) or text", "content");
  const mimeType = typeof opts?.mimeType === "string" ? opts.mimeType : undefined;
  const row = await addAttachment({ containerId: container as number, name, bytes, mimeType }, await runActor(run));
  return { vault_id: row.sha256, sha256: row.sha256, id: row.id, size: row.size };
}

function vaultId(op: string, args: unknown[]): string {
  const [id] = args;
  if (typeof id !== "string" || !/^[0-9a-f]{64}$/i.test(id)) throw invalid(`${op}: vault id: expected the file's SHA-256 (64 hex digits)`, "vault_id");
  return id.toLowerCase();
}

async function vaultRead(args: unknown[]): Promise<Uint8Array> {
  return new Uint8Array(await readFile(vaultFile(vaultId("vault.read", args))));
}

async function saveContainer(asset: CallingAsset, run: RunOwner, args: unknown[]): Promise<SavedContainer> {
  if (!asset.ingest) throw invalid("saveContainer: only apps with an ingest action may save containers");
  const given = args[0];
  if (!given || typeof given !== "object" || Array.isArray(given)) throw invalid("saveContainer: expected a container object");
  const raw = given as Record<string, unknown>;
  if (raw.source_data_identifier === undefined || raw.source_data_identifier === null || raw.source_data_identifier === "") {
    throw invalid("source_data_identifier: required for containers an app saves (it is what keeps a poll from ingesting an event twice)", "source_data_identifier");
  }
  const input = validate(newContainerSchema, { ...raw, label: raw.label ?? asset.ingestLabel ?? undefined });
  const result = await createContainer(input, await runActor(run));
  return { id: result.id, existing: !result.created, artifact_ids: result.artifacts.filter((a) => a.created).map((a) => a.id) };
}

/** Serves one call from an app's child process; rejects with a DomainError for the app to read. */
export function sdkCall(asset: CallingAsset, run: RunOwner, op: CallOp, args: unknown[]): Promise<unknown> {
  switch (op) {
    case "state.get":
    case "state.set":
      return stateCall(asset.id, op, args);
    case "vault.add":
      return vaultAdd(run, args);
    case "vault.read":
      return vaultRead(args);
    case "vault.info":
      return vaultFileInfo(vaultId("vault.info", args));
    case "container.save":
      return saveContainer(asset, run, args);
    default:
      return listsCall(asset.directory, run, op, args);
  }
}
