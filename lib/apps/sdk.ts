// The contract between Vigil and an app's code. An app is one folder: `manifest.json` in the
// Splunk SOAR app metadata shape and an `index.ts` whose default export is an `AppModule`.
// App code sees only the `AppContext` it is handed: never Vigil's environment, database or
// other assets. It runs in a child process of the worker, so everything here must be usable
// across a process boundary (plain data in, plain data out, capabilities as async calls).

/** What an action handler is given for one parameter set of one app run. */
export interface AppContext {
  /** The asset's configuration, secrets decrypted (only here, never logged or returned). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Logs to the app run's log; values of secret configuration fields are redacted. */
  readonly log: AppLogger;
  /**
   * fetch with the action's remaining time as timeout (aborted with `signal`). Vigil's extension:
   * `verifyCertificate: false` accepts any TLS certificate for this request.
   */
  readonly fetch: (url: string | URL, init?: AppFetchInit) => Promise<Response>;
  /**
   * Stable for the app run across retries and re-deliveries: send it with side effects (the
   * HTTP app sends it as an `Idempotency-Key` header) so a run delivered twice acts once.
   */
  readonly idempotencyKey: string;
  /** A small JSON document kept per asset (last poll time, cursors, ...). */
  readonly state: {
    get<T = unknown>(): Promise<T | undefined>;
    set(value: unknown): Promise<void>;
  };
  /** Files in Vigil's vault, by SHA-256. */
  readonly vault: {
    read(sha256: string): Promise<Uint8Array>;
    add(container: number, name: string, content: Uint8Array): Promise<{ vault_id: string; sha256: string }>;
  };
  /** Ingest apps only: create a container through the same code as REST ingestion (dedup by SDI). */
  readonly saveContainer?: (container: IngestContainer) => Promise<{ id: number; existing: boolean }>;
  /** Aborted when the action times out or its run is cancelled. */
  readonly signal: AbortSignal;
}

export interface AppFetchInit {
  method?: string;
  headers?: Record<string, string> | [string, string][];
  body?: string | Uint8Array;
  /** Aborts this request early; the run's own signal always applies too. */
  signal?: AbortSignal;
  verifyCertificate?: boolean;
  /** Milliseconds; never more than the action's remaining time. */
  timeoutMs?: number;
}

export interface AppLogger {
  debug(message: string, detail?: Record<string, unknown>): void;
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface IngestContainer {
  name: string;
  label?: string;
  severity?: string;
  source_data_identifier: string;
  description?: string;
  data?: Record<string, unknown>;
  artifacts?: { name?: string; label?: string; cef: Record<string, unknown>; cef_types?: Record<string, string[]> }[];
}

/**
 * One action's result for one parameter set, in SOAR's `action_result` shape, so datapaths
 * such as `lookup_domain_1:action_result.data.*.record_infos` resolve against it.
 */
export interface ActionResult {
  status: "success" | "failed";
  message: string;
  data: Record<string, unknown>[];
  summary: Record<string, unknown>;
}

/** Handles one parameter set. Throwing is a failed result whose message is the error's. */
export type ActionHandler = (ctx: AppContext, parameter: Record<string, unknown>) => Promise<ActionResult>;

/** An app's code: handlers keyed by the manifest action's `identifier`. */
export interface AppModule {
  actions: Record<string, ActionHandler>;
}

export function success(message: string, data: Record<string, unknown>[] = [], summary: Record<string, unknown> = {}): ActionResult {
  return { status: "success", message, data, summary };
}

export function failed(message: string, data: Record<string, unknown>[] = [], summary: Record<string, unknown> = {}): ActionResult {
  return { status: "failed", message, data, summary };
}

/**
 * Thrown by a handler for a failure worth retrying (connection refused, 5xx, 429): the runner
 * retries with backoff, honouring `retryAfterMs` (from Retry-After) when given. Anything else
 * thrown fails the run at once.
 */
export class TransientError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = "TransientError";
  }
}
