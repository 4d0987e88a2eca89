// What one turn of a run reads and writes. The interpreter is pure over these; lib/engine/runs.ts
// loads them from PostgreSQL and commits them in one transaction.
import type { BlockOutput } from "./collect";

export interface RunState {
  /** Finished blocks: id -> status. A block runs once per run. */
  done: Record<string, "success" | "failed">;
  /** Finished blocks' outputs by lower-case name (what datapaths read). */
  outputs: Record<string, BlockOutput>;
  /** Blocks to try next (a join waits here until its required predecessors are done). */
  frontier: string[];
  /** Blocks waiting for a callback (action run, prompt, child run). */
  waiting: string[];
  runData: Record<string, string>;
  failed?: string;
}

export const freshState = (start: string): RunState => ({ done: {}, outputs: {}, frontier: [start], waiting: [], runData: {} });

export type EffectBody =
  | { kind: "note"; title: string; content: string }
  | { kind: "comment"; text: string }
  | { kind: "update"; status?: string; severity?: string; sensitivity?: string; owner?: string; addTags?: string[] }
  | { kind: "promote" }
  | { kind: "pin"; message: string; data: string }
  | { kind: "artifact"; name: string; label: string; severity?: string; cef: Record<string, unknown> }
  | { kind: "list_add"; list: string; row: unknown[] }
  /** A file already stored in the vault by its hash (phantom.vault_add), attached when the turn commits. */
  | { kind: "attachment"; name: string; sha256: string; size: number; mimeType: string; metadata: Record<string, unknown> };
/** A container change a block asked for; committed with the block's step, keyed by it. */
export type Effect = EffectBody & { blockId: string };

export interface StepRecord {
  blockId: string; blockName: string; blockType: string; status: "success" | "failed";
  inputs: unknown; outputs: unknown; error: string | null; startedAt: Date; endedAt: Date;
}
export interface LogRecord { blockId: string | null; level: "info" | "debug" | "error"; message: string; detail?: unknown }

export interface NewCallback {
  blockId: string;
  kind: "action" | "prompt" | "playbook";
  detail: Record<string, unknown>;
  due?: Date;
  /** The action run it waits for (set when the turn commits). */
  refId?: number;
  /** Already over when created (a code playbook's action that could not start: no such asset ...). */
  failedResult?: Record<string, unknown>;
}
export interface ChildStart { blockId: string; playbook: string; inputs: Record<string, unknown>; synchronous: boolean; callback?: string | null }

/** A finished callback handed back to its block. */
export interface Completion { blockId: string; kind: string; result: Record<string, unknown>; /** Code playbooks: the function to call. */ callback?: string | null }
