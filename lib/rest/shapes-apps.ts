// Apps, assets, action runs and app runs as Phantom's REST API shows them (ground truth: the
// recorded responses in ../shared/fixtures/soar-rest/). Phantom fields Vigil has no concept of
// (node_guid, playbook_run, exec_order, tenants, ...) are present with Phantom's empty values.
// Asset secrets appear only as "set" or null.
import type { ActionRun, App } from "@prisma/client";
import type { AppRunRecord } from "../domain/action-runs";
import { assetSecretsMasked, type AssetWithApp } from "../domain/assets";
import type { AppManifest } from "../schemas/app-manifest";

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function appToRest(a: App, opts: { detail: boolean }) {
  const m = a.manifest as unknown as Partial<AppManifest> & Record<string, unknown>;
  return {
    id: a.id,
    appid: a.appid,
    name: a.name,
    appname: "-",
    app_version: a.appVersion,
    known_versions: [a.appVersion],
    version: 1,
    type: a.type,
    product_name: a.productName,
    product_vendor: a.productVendor,
    product_version_regex: typeof m.product_version_regex === "string" ? m.product_version_regex : ".*",
    description: a.description,
    publisher: typeof m.publisher === "string" ? m.publisher : "",
    disabled: !a.enabled,
    error: a.error,
    install_time: iso(a.installedAt),
    directory: a.directory,
    main_module: typeof m.main_module === "string" ? m.main_module : "index.ts",
    logo: typeof m.logo === "string" ? m.logo : null,
    logo_dark: typeof m.logo_dark === "string" ? m.logo_dark : null,
    tags: [],
    app_config: {},
    app_config_render: null,
    uber_view: null,
    rest_handler: null,
    release_tag: null,
    consolidate_widgets: true,
    require_auth_token: false,
    configuration: m.configuration ?? {},
    ...(opts.detail ? { actions: m.actions ?? [] } : {}),
  };
}

export function assetToRest(a: AssetWithApp) {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    app_id: a.appId,
    product_name: a.app.productName,
    product_vendor: a.app.productVendor,
    product_version: "",
    type: a.app.type,
    configuration: assetSecretsMasked(a),
    tags: a.tags,
    disabled: a.disabled,
    version: a.version,
    primary_owners: a.primaryOwners,
    secondary_owners: a.secondaryOwners,
    approval_required_for: a.approvalRequiredFor,
    approval_sla_minutes: a.approvalSlaMinutes,
    concurrency_limit: a.concurrencyLimit,
    timeout_seconds: a.timeoutSeconds,
    action_whitelist: {},
    validation: {},
    tenants: [],
    primary_voting: 0,
    secondary_voting: 0,
    effective_user: null,
    token: null,
    create_time: iso(a.createdAt),
    update_time: iso(a.updatedAt),
  };
}

export function actionRunToRest(r: ActionRun, opts: { detail: boolean }) {
  return {
    id: r.id,
    name: r.name,
    action: r.action,
    type: r.type,
    container: r.containerId,
    status: r.status,
    message: r.message,
    creator: r.creatorId,
    owner: r.creatorId,
    create_time: iso(r.createdAt),
    update_time: iso(r.updatedAt),
    close_time: iso(r.closedAt),
    cancelled: iso(r.cancelledAt),
    app_runs: { total: r.total, pending: r.remaining, success: r.succeeded, failed: r.failed },
    ...(opts.detail ? { targets: r.targets } : {}),
    comment: "",
    node_guid: null,
    playbook_run: null,
    playbook: null,
    exec_order: null,
    assign_time: null,
    exec_delay_secs: 0,
    due_time: null,
    version: 1,
    handle: null,
    ip_address: null,
    cb_fn: null,
  };
}

export function appRunToRest(r: AppRunRecord, opts: { detail: boolean }) {
  return {
    id: r.id,
    action_run: r.actionRunId,
    container: r.containerId,
    app: r.appId,
    app_name: r.appName,
    app_version: r.appVersion,
    asset: r.assetId,
    action: r.action,
    status: r.status,
    message: r.message,
    attempt: r.attempt,
    parameter: r.parameter,
    result_summary: r.resultSummary,
    ...(opts.detail ? { result_data: r.resultData } : {}),
    exception_occured: r.exceptionOccured,
    create_time: iso(r.createdAt),
    start_time: iso(r.startedAt),
    end_time: iso(r.endedAt),
    extra_data: [],
    node_guid: null,
    playbook_run: null,
    effective_user: null,
    version: 1,
  };
}
