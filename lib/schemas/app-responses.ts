// What the apps, assets, action run and app run routes answer (OpenAPI; see rest-responses.ts).
import { z } from "zod";

const when = z.string().nullable().describe("ISO 8601 time (UTC)");
const json = z.record(z.string(), z.unknown());
const int = z.number().int();

export const appOut = z.object({
  id: int, appid: z.string().nullable(), name: z.string(), app_version: z.string(), type: z.string(), product_name: z.string(),
  product_vendor: z.string(), description: z.string(), publisher: z.string(), disabled: z.boolean(),
  error: z.string().nullable().describe("why the app is disabled: its manifest's field at fault"), install_time: when,
  configuration: json.describe("the asset configuration fields the app takes"), actions: z.array(json).optional().describe("detail only: the manifest's actions"),
});

export const assetOut = z.object({
  id: int, name: z.string(), description: z.string(), app_id: int, product_name: z.string(), product_vendor: z.string(),
  configuration: json.describe('secret fields (data_type password) read "set" or null, never their value'), tags: z.array(z.string()),
  disabled: z.boolean(), primary_owners: z.array(json), secondary_owners: z.array(json), approval_required_for: z.array(z.string()),
  concurrency_limit: int, timeout_seconds: int.nullable(), version: int,
});

export const actionRunOut = z.object({
  id: int, name: z.string(), action: z.string(), type: z.string(), container: int,
  status: z.enum(["pending", "running", "success", "failed", "partial", "cancelled"]), message: z.string(), creator: int.nullable(),
  create_time: when, update_time: when, close_time: when, cancelled: when,
  app_runs: z.object({ total: int, pending: int, success: int, failed: int }), targets: z.array(json).optional().describe("detail only"),
});

export const appRunOut = z.object({
  id: int, action_run: int, container: int, app: int, app_name: z.string(), app_version: z.string(), asset: int, action: z.string(),
  status: z.enum(["pending", "running", "success", "failed", "cancelled"]), message: z.string(), attempt: int, parameter: json,
  result_summary: json.describe("{total_objects, total_objects_successful}"),
  result_data: z.array(json).optional().describe("detail only: [{status, message, parameter, data, summary}] as SOAR's action_result"),
  create_time: when, start_time: when, end_time: when,
});

export const actionRunCreated = z.object({ success: z.literal(true), action_run_id: int, id: int, message: z.string() });
