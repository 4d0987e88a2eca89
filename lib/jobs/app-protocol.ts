// Messages between the worker (app-host.ts) and an app's child process (app-child.ts).
import type { ActionResult } from "../apps/sdk";

export interface RunRequest {
  t: "run";
  id: number;
  identifier: string;
  config: Record<string, unknown>;
  parameter: Record<string, unknown>;
  idempotencyKey: string;
  timeoutMs: number;
}

export type ParentMessage =
  | RunRequest
  | { t: "abort"; id: number; reason: string }
  | { t: "reply"; rid: number; value?: unknown; error?: string };

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
  | { t: "call"; rid: number; id: number; op: "state.get" | "state.set"; args: unknown[] };
