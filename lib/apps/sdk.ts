// The contract between Vigil and an app's code. An app is one folder: `manifest.json` in the
// Splunk SOAR app metadata shape and an `index.ts` whose default export is an `AppModule`.
// App code sees only the `AppContext` it is handed: never Vigil's environment, database or
// other assets. It runs in a child process of the worker, so everything here must be usable
// across a process boundary (plain data in, plain data out, capabilities as async calls).

// Writing an app (the SDK surface, all of it on the `ctx` each handler gets):
// - `ctx.config`: the asset's configuration with defaults filled in and secrets (fields of
//   data_type "password") decrypted. `ctx.asset` names the asset.
// - `ctx.fetch(url, init)`: the HTTP client. It honours two configuration fields by convention,
//   when the app's manifest declares them: `proxy_url` (an http:// proxy, credentials allowed:
//   declare it data_type "password" so it is sealed at rest and redacted) and `verify_tls`
//   (false accepts any certificate; SOAR's `verify_server_cert` is read the same way). Every
//   request times out at `init.timeoutMs` or the run's remaining time, whichever is sooner.
// - `ctx.log`: lines in the worker's log, secret values redacted (see lib/jobs/redact.ts).
// - `ctx.state`: a small JSON document per asset (cursors, last poll time).
// - `ctx.vault`: add a file to a container's vault (returns its vault id, the SHA-256), read
//   one back by vault id.
// - `ctx.saveContainer(container)`: ingest apps only (an action of type "ingest" in the
//   manifest): a container with its artifacts through the same code as POST /rest/container,
//   deduplicated by source_data_identifier; the label defaults to the asset's ingest label.
// - `ctx.signal`, `ctx.idempotencyKey`: cancellation/timeout, and a key stable across retries.
// Calls to Vigil (state, vault, saveContainer) are made by the worker on behalf of the user who
// started the action run (a scheduled poll acts as "automation"), validated and audited as theirs.

/** The configuration fields `ctx.fetch` reads (see above). */
export const HTTP_CONFIG_FIELDS = { proxy: "proxy_url", verifyTls: "verify_tls", verifyServerCert: "verify_server_cert" } as const;

/** What an action handler is given for one parameter set of one app run. */
export interface AppContext {
  /** The asset's configuration, secrets decrypted (only here, never logged or returned). */
  readonly config: Readonly<Record<string, unknown>>;
  /** The asset this run is on. */
  readonly asset: { readonly id: number; readonly name: string };
  /**
   * The container the action runs on (where `vault.add` puts files an action fetches, as SOAR's
   * get_container_id()); undefined for a run that concerns none (test connectivity).
   */
  readonly container?: number;
  /** Logs to the app run's log; values of secret configuration fields are redacted. */
  readonly log: AppLogger;
  /**
   * fetch through the asset's `proxy_url`, verifying TLS unless `verify_tls` is false, with the
   * action's remaining time as timeout (aborted with `signal`). `init.verifyCertificate`
   * overrides `verify_tls` for one request.
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
  /** Files in Vigil's vault, content-addressed: the vault id is the file's SHA-256. */
  readonly vault: {
    /** The bytes of a vault file; rejects with kind "not_found" when there is none. */
    read(vaultId: string): Promise<Uint8Array>;
    /** The file's name (as last attached), size and MIME type; rejects with kind "not_found" when there is none. */
    info(vaultId: string): Promise<VaultInfo>;
    /** Attaches a file to a container (at most VIGIL_VAULT_MAX_MB; kind "too_large" above). */
    add(container: number, name: string, content: Uint8Array | string, opts?: { mimeType?: string }): Promise<VaultAdded>;
  };
  /**
   * Ingest apps only: creates a container with its artifacts through the same code as REST
   * ingestion. One whose source_data_identifier exists already is not created again:
   * `existing: true` and its id. Rejects with kind "invalid" naming the field at fault.
   */
  readonly saveContainer?: (container: IngestContainer) => Promise<SavedContainer>;
  /** Aborted when the action times out or its run is cancelled. */
  readonly signal: AbortSignal;
}

export interface VaultInfo {
  name: string;
  size: number;
  mime_type: string;
}

export interface VaultAdded {
  /** The SHA-256 of the content: what `vault.read` and SOAR's vault_id take. */
  vault_id: string;
  sha256: string;
  /** The attachment's id (GET /rest/vault_document/<id>). */
  id: number;
  size: number;
}

export interface SavedContainer {
  id: number;
  existing: boolean;
  /** Ids of the artifacts written (none when the container existed). */
  artifact_ids: number[];
}

export interface AppFetchInit {
  method?: string;
  headers?: Record<string, string> | [string, string][];
  body?: string | Uint8Array;
  /** Aborts this request early; the run's own signal always applies too. */
  signal?: AbortSignal;
  /** Overrides the asset's `verify_tls` for this request. */
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

/** A container as POST /rest/container takes it (the fields apps use most; others pass through). */
export interface IngestContainer {
  name: string;
  label?: string;
  severity?: string;
  sensitivity?: string;
  source_data_identifier: string;
  description?: string;
  tags?: string[];
  start_time?: string;
  data?: Record<string, unknown>;
  run_automation?: boolean;
  artifacts?: {
    name?: string;
    label?: string;
    severity?: string;
    source_data_identifier?: string;
    cef: Record<string, unknown>;
    cef_types?: Record<string, string[]>;
    data?: Record<string, unknown>;
    run_automation?: boolean;
  }[];
  [field: string]: unknown;
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
