// Messages between the worker (app-host.ts) and an app's child process (app-child.ts).
import type { ActionResult } from "../apps/sdk";

export interface RunRequest {
  t: "run";
  id: number;
  identifier: string;
  config: Record<string, unknown>;
  asset: { id: number; name: string };
  /** The action run's container, when it has one. */
  container?: number;
  /** The app has an ingest action: its runs get ctx.saveContainer. */
  ingest: boolean;
  parameter: Record<string, unknown>;
  idempotencyKey: string;
  timeoutMs: number;
}

export type ParentMessage =
  | RunRequest
  | { t: "abort"; id: number; reason: string }
  | { t: "reply"; rid: number; value?: unknown; error?: string; kind?: string };

/**
 * Capabilities the child asks the worker for (lib/jobs/sdk-calls.ts). `lists.*` serve the
 * custom lists app's `ctx.lists` (lib/apps/builtin/custom-lists/capability.ts); a refusal keeps
 * the DomainError's `kind` so the app can tell "no such list" from "the database is down".
 */
export type CallOp = "state.get" | "state.set" | "vault.add" | "vault.read" | "vault.info" | "container.save" | "lists.find" | "lists.append" | "lists.remove";

/** How one app run ended, as the child saw it (or the host, when the child could not say). */
export type Outcome =
  | { kind: "result"; result: ActionResult }
  | { kind: "transient"; message: string; retryAfterMs?: number }
  | { kind: "error"; message: string };

export type ChildMessage =
  | { t: "ready"; actions: string[] }
  | { t: "fatal"; message: string }
  | { t: "aborted"; id: number }
  | { t: "done"; id: number; outcome: Outcome }
  | { t: "log"; id: number; level: "debug" | "info" | "warn" | "error"; message: string; detail?: Record<string, unknown> }
  | { t: "call"; rid: number; id: number; op: CallOp; args: unknown[] };
