// The REST API's table of operations, and the OpenAPI 3.1 document generated from it with
// zod's own JSON Schema output. The console's API page reads the same table.
import { soarApprovalAnswerSchema } from "../schemas/approvals";
import { z } from "zod";
import type { Permission } from "../auth/permissions";
import { VERSION } from "../version";
import { artifactUpdateSchema, containerUpdateSchema, newArtifactSchema, newContainerSchema } from "../schemas/containers";
import {
  newCefFieldSchema, newCommentSchema, newContainerCommentSchema, newContainerStatusSchema, newNoteSchema, newSeveritySchema,
  vaultAddSchema,
} from "../schemas/notes";
import { newPinSchema, pinUpdateSchema } from "../schemas/pins";
import * as out from "../schemas/rest-responses";
import { customFunctionCreateSchema } from "../schemas/custom-functions";
import { indicatorUpdateSchema } from "../schemas/indicators";
import { createListSchema, customListOut, updateListSchema } from "../schemas/custom-lists";
import * as appsOut from "../schemas/app-responses";
import * as wbOut from "../schemas/workbook-responses";
import { addWorkbookSchema, newPhaseTemplateSchema, phaseUpdateSchema, taskUpdateSchema, workbookTemplateSchema } from "../schemas/workbooks";
import { newWebhookSchema, webhookOut, webhookRotateSchema, webhookUpdateSchema } from "../schemas/webhooks";
import { actionRunUpdateSchema, assetUpdateSchema, newActionRunSchema, newAssetSchema } from "../schemas/assets";

export interface Operation {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  permission: Permission;
  list?: boolean;
  /** Query parameters beyond the list ones, e.g. the ids of a bulk delete. */
  query?: { name: string; description: string }[];
  body?: z.ZodType;
  response: z.ZodType;
}

const c = "/rest/container/{id}";
export const OPERATIONS: Operation[] = [
  { method: "get", path: "/rest/container", summary: "List containers", permission: "containers.read", list: true, response: out.listOf(out.containerOut) },
  { method: "post", path: "/rest/container", summary: "Create a container, optionally with its artifacts (400 with existing_container_id when the source_data_identifier exists, as SOAR answers)", permission: "containers.write", body: newContainerSchema, response: out.containerCreated },
  { method: "get", path: c, summary: "Get a container", permission: "containers.read", response: out.containerOut },
  { method: "post", path: c, summary: "Update a container (only the fields given)", permission: "containers.write", body: containerUpdateSchema, response: out.created },
  { method: "delete", path: c, summary: "Delete a container with its artifacts, notes and attachments", permission: "containers.delete", response: out.okOut },
  { method: "get", path: `${c}/artifacts`, summary: "List a container's artifacts", permission: "containers.read", list: true, response: out.listOf(out.artifactOut) },
  { method: "get", path: `${c}/notes`, summary: "List a container's notes", permission: "containers.read", response: out.listOf(out.noteOut) },
  { method: "post", path: `${c}/notes`, summary: "Add a note to a container", permission: "containers.write", body: newNoteSchema.omit({ container_id: true }), response: out.created },
  { method: "get", path: `${c}/comments`, summary: "List a container's comments", permission: "containers.read", response: out.listOf(out.commentOut) },
  { method: "post", path: `${c}/comments`, summary: "Comment on a container", permission: "containers.write", body: newCommentSchema, response: out.created },
  { method: "get", path: `${c}/attachments`, summary: "List a container's vault documents", permission: "containers.read", response: out.listOf(out.vaultDocumentOut) },
  { method: "get", path: `${c}/audit`, summary: "A container's audit trail, oldest first (hash-chained)", permission: "audit.read", response: out.listOf(out.auditOut) },
  { method: "delete", path: "/rest/container", summary: "Delete containers in bulk, all or nothing: ?ids=[1,2] (404 naming unknown ids; nothing deleted then)", permission: "containers.delete", response: out.bulkDeleted,
    query: [{ name: "ids", description: "the container ids as a list, e.g. [1,2] (at most 1000)" }] },
  { method: "get", path: `${c}/pins`, summary: "A container's HUD pins, in order", permission: "containers.read", list: true, response: out.listOf(out.pinOut) },
  { method: "get", path: `${c}/export`, summary: "Export the container with its artifacts, notes, comments, pins and vault files as a tar", permission: "containers.read", response: z.string().meta({ format: "binary" }) },
  { method: "get", path: `${c}/{field}`, summary: "One field of a container: {<field>: value}", permission: "containers.read", response: out.oneField },
  { method: "post", path: "/rest/container_import", summary: "Import a container archive (tar body, or JSON {archive: base64}) with new ids; 409 with existing_container_id for a duplicate source_data_identifier", permission: "containers.write", response: out.created },
  { method: "get", path: "/rest/container_pin", summary: "List HUD pins (e.g. _filter_container=5)", permission: "containers.read", list: true, response: out.listOf(out.pinOut) },
  { method: "post", path: "/rest/container_pin", summary: "Pin a value to a container's HUD", permission: "containers.write", body: newPinSchema, response: out.created },
  { method: "get", path: "/rest/container_pin/{id}", summary: "Get a HUD pin", permission: "containers.read", response: out.pinOut },
  { method: "post", path: "/rest/container_pin/{id}", summary: "Update a HUD pin (only the fields given)", permission: "containers.write", body: pinUpdateSchema, response: out.created },
  { method: "delete", path: "/rest/container_pin/{id}", summary: "Unpin", permission: "containers.write", response: out.okOut },
  { method: "get", path: "/rest/container_pin/{id}/{field}", summary: "One field of a HUD pin", permission: "containers.read", response: out.oneField },
  { method: "post", path: "/rest/container_comment", summary: "Comment on a container (Phantom's path)", permission: "containers.write", body: newContainerCommentSchema, response: out.created },
  { method: "get", path: "/rest/artifact", summary: "List artifacts", permission: "containers.read", list: true, response: out.listOf(out.artifactOut) },
  { method: "post", path: "/rest/artifact", summary: "Create an artifact, or a JSON array of them (all or nothing; 409 with existing_artifact_id for a single duplicate)", permission: "containers.write", body: z.union([newArtifactSchema, z.array(newArtifactSchema)]), response: out.created },
  { method: "get", path: "/rest/artifact/{id}", summary: "Get an artifact", permission: "containers.read", response: out.artifactOut },
  { method: "post", path: "/rest/artifact/{id}", summary: "Update an artifact", permission: "containers.write", body: artifactUpdateSchema, response: out.created },
  { method: "delete", path: "/rest/artifact/{id}", summary: "Delete an artifact", permission: "containers.delete", response: out.okOut },
  { method: "get", path: "/rest/artifact/{id}/{field}", summary: "One field of an artifact", permission: "containers.read", response: out.oneField },
  { method: "get", path: "/rest/note", summary: "List notes (e.g. _filter_container_id=5 or _filter_container=5)", permission: "containers.read", list: true, response: out.listOf(out.noteOut) },
  { method: "get", path: "/rest/note/{id}", summary: "Get a note", permission: "containers.read", response: out.noteOut },
  { method: "get", path: "/rest/note/{id}/{field}", summary: "One field of a note", permission: "containers.read", response: out.oneField },
  { method: "post", path: "/rest/note", summary: "Add a note (markdown) to a container", permission: "containers.write", body: newNoteSchema, response: out.created },
  { method: "get", path: "/rest/indicator", summary: "List and search indicators", permission: "indicators.read", list: true, response: out.listOf(out.indicatorOut) },
  { method: "get", path: "/rest/indicator/{id}", summary: "Get an indicator", permission: "indicators.read", response: out.indicatorOut },
  { method: "post", path: "/rest/indicator/{id}", summary: "Set an indicator's tags: {\"tags\": [...]} replaces them (as SOAR's indicator_tag custom function sends them)", permission: "containers.write", body: indicatorUpdateSchema, response: out.created },
  { method: "get", path: "/rest/indicator_common_container", summary: "The containers the given indicators were seen in, newest first: ?indicator_ids=1,2", permission: "indicators.read", response: z.array(out.indicatorCommonContainerOut),
    query: [{ name: "indicator_ids", description: "indicator ids, comma-separated (1,2) or as a list ([1,2]); at most 1000" }] },
  { method: "get", path: "/rest/indicator/{id}/{field}", summary: "One field of an indicator", permission: "indicators.read", response: out.oneField },
  { method: "get", path: "/rest/cef", summary: "List CEF fields (default and custom) with their contains types", permission: "containers.read", response: out.listOf(out.cefFieldOut) },
  { method: "post", path: "/rest/cef", summary: "Add a custom CEF field", permission: "admin.settings", body: newCefFieldSchema, response: out.created },
  { method: "delete", path: "/rest/cef/{id}", summary: "Delete a custom CEF field", permission: "admin.settings", response: out.okOut },
  { method: "get", path: "/rest/severity", summary: "List severities (built-in and custom)", permission: "containers.read", response: out.listOf(out.severityOut) },
  { method: "post", path: "/rest/severity", summary: "Add a custom severity", permission: "admin.settings", body: newSeveritySchema, response: out.created },
  { method: "get", path: "/rest/container_status", summary: "List container statuses and the status type (new, open, closed) each maps to", permission: "containers.read", response: out.listOf(out.containerStatusOut) },
  { method: "post", path: "/rest/container_status", summary: "Add a custom container status", permission: "admin.settings", body: newContainerStatusSchema, response: out.created },
  { method: "post", path: "/rest/vault_add", summary: "Add a file (base64) to the vault and attach it to a container", permission: "containers.write", body: vaultAddSchema, response: out.vaultAdded },
  { method: "get", path: "/rest/vault_document", summary: "List vault documents", permission: "containers.read", response: out.listOf(out.vaultDocumentOut) },
  { method: "get", path: "/rest/vault_document/{id}", summary: "Get a vault document's metadata", permission: "containers.read", response: out.vaultDocumentOut },
  { method: "get", path: "/rest/vault_document/{id}/{field}", summary: "One field of a vault document", permission: "containers.read", response: out.oneField },
  { method: "get", path: "/rest/vault_document/{id}/download", summary: "Download a vault document's bytes", permission: "containers.read", response: z.string().meta({ format: "binary" }) },
  { method: "get", path: "/rest/decided_list", summary: "List custom lists with their rows", permission: "lists.read", list: true, response: out.listOf(customListOut) },
  { method: "post", path: "/rest/decided_list", summary: "Create a custom list (name unique; content a 2-D array, a flat array becomes one row)", permission: "lists.write", body: createListSchema, response: out.created },
  { method: "get", path: "/rest/decided_list/{id}", summary: "Get a custom list by id or name", permission: "lists.read", response: customListOut },
  { method: "post", path: "/rest/decided_list/{id}", summary: "Replace a custom list (content, name) or edit rows: update_rows {index: row}, delete_rows [index], append_rows [row], indexes as before the request", permission: "lists.write", body: updateListSchema, response: out.created },
  { method: "delete", path: "/rest/decided_list/{id}", summary: "Delete a custom list", permission: "lists.write", response: out.okOut },
  { method: "get", path: "/rest/app", summary: "List installed apps (a bad manifest shows disabled with its error)", permission: "apps.read", list: true, response: out.listOf(appsOut.appOut) },
  { method: "get", path: "/rest/app/{id}", summary: "Get an app with its actions, parameters and outputs", permission: "apps.read", response: appsOut.appOut },
  { method: "get", path: "/rest/asset", summary: "List assets (secrets shown as \"set\" or null)", permission: "apps.read", list: true, response: out.listOf(appsOut.assetOut) },
  { method: "post", path: "/rest/asset", summary: "Create an asset of an app (password fields are encrypted at rest)", permission: "assets.manage", body: newAssetSchema, response: out.created },
  { method: "get", path: "/rest/asset/{id}", summary: "Get an asset", permission: "apps.read", response: appsOut.assetOut },
  { method: "post", path: "/rest/asset/{id}", summary: "Update an asset (\"set\" keeps a stored secret, null clears it)", permission: "assets.manage", body: assetUpdateSchema, response: out.created },
  { method: "get", path: "/rest/action_run", summary: "List action runs", permission: "apps.read", list: true, response: out.listOf(appsOut.actionRunOut) },
  { method: "post", path: "/rest/action_run", summary: "Run an action: one app run per asset and parameter set", permission: "actions.run", body: newActionRunSchema, response: appsOut.actionRunCreated },
  { method: "get", path: "/rest/action_run/{id}", summary: "Get an action run with its aggregate status", permission: "apps.read", response: appsOut.actionRunOut },
  { method: "post", path: "/rest/action_run/{id}", summary: "Cancel an action run: {\"cancel\": true}", permission: "actions.run", body: actionRunUpdateSchema, response: out.okOut },
  { method: "get", path: "/rest/app_run", summary: "List app runs", permission: "apps.read", list: true, response: out.listOf(appsOut.appRunOut) },
  { method: "get", path: "/rest/app_run/{id}", summary: "Get an app run with its result_data", permission: "apps.read", response: appsOut.appRunOut },
  { method: "get", path: "/rest/workbook_template", summary: "List workbook templates with their phases and tasks", permission: "workbooks.read", list: true, response: out.listOf(wbOut.templateOut) },
  { method: "post", path: "/rest/workbook_template", summary: "Create a workbook template (phases and tasks in one body; labels it is the default for)", permission: "workbooks.write", body: workbookTemplateSchema, response: out.created },
  { method: "get", path: "/rest/workbook_template/{id}", summary: "Get a workbook template", permission: "workbooks.read", response: wbOut.templateOut },
  { method: "post", path: "/rest/workbook_template/{id}", summary: "Update a workbook template (phases, when sent, replace the old ones)", permission: "workbooks.write", body: workbookTemplateSchema.partial(), response: out.created },
  { method: "delete", path: "/rest/workbook_template/{id}", summary: "Delete a workbook template (containers keep their copies)", permission: "workbooks.write", response: out.okOut },
  { method: "get", path: "/rest/workbook_phase_template", summary: "List phase templates (e.g. _filter_template=3)", permission: "workbooks.read", list: true, response: out.listOf(wbOut.phaseTemplateOut) },
  { method: "post", path: "/rest/workbook_phase_template", summary: "Add a phase with its tasks to a template", permission: "workbooks.write", body: newPhaseTemplateSchema, response: out.created },
  { method: "get", path: "/rest/workbook_phase_template/{id}", summary: "Get a phase template", permission: "workbooks.read", response: wbOut.phaseTemplateOut },
  { method: "get", path: "/rest/workbook_phase", summary: "List containers' workbook phases with their tasks (e.g. _filter_container=5)", permission: "containers.read", list: true, response: out.listOf(wbOut.phaseOut) },
  { method: "get", path: "/rest/workbook_phase/{id}", summary: "Get a workbook phase", permission: "containers.read", response: wbOut.phaseOut },
  { method: "post", path: "/rest/workbook_phase/{id}", summary: "Rename, reorder or assign a phase", permission: "containers.write", body: phaseUpdateSchema, response: out.created },
  { method: "get", path: "/rest/workbook_task", summary: "List workbook tasks (e.g. _filter_container=5, _filter_status=2)", permission: "containers.read", list: true, response: out.listOf(wbOut.taskOut) },
  { method: "get", path: "/rest/workbook_task/{id}", summary: "Get a workbook task", permission: "containers.read", response: wbOut.taskOut },
  { method: "post", path: "/rest/workbook_task/{id}", summary: "Update a task: status 0/1/2 (note and title to complete a note-required task), owner_id or role_id", permission: "containers.write", body: taskUpdateSchema, response: out.created },
  { method: "get", path: `${c}/phases`, summary: "A container's workbook phases with their tasks", permission: "containers.read", list: true, response: out.listOf(wbOut.phaseOut) },
  { method: "post", path: "/rest/workbook", summary: "Add a template's workbook to a container", permission: "containers.write", body: addWorkbookSchema, response: wbOut.workbookAdded },
  { method: "get", path: "/rest/approval", summary: "List approvals of gated actions and playbook prompts (e.g. _filter_status=\"pending\", _filter_action_run__container_id=5)", permission: "approvals.read", list: true, response: out.listOf(wbOut.approvalOut) },
  { method: "get", path: "/rest/approval/{id}", summary: "Get an approval or prompt", permission: "approvals.read", response: wbOut.approvalOut },
  { method: "post", path: "/rest/approval/{id}", summary: "Answer an approval or prompt: status approve or deny, responses (a prompt's answers), message; only its approvers (or an administrator) may", permission: "approvals.read", body: soarApprovalAnswerSchema, response: wbOut.approvalAnswered },
  { method: "get", path: "/rest/version", summary: "Vigil's version", permission: "containers.read", response: out.versionOut },
  { method: "get", path: "/rest/system_info", summary: "Base URL and time zone", permission: "containers.read", response: out.systemInfoOut },
  { method: "get", path: "/rest/ph_user", summary: "List users (username, type normal or automation, role)", permission: "containers.read", list: true, response: out.listOf(out.phUserOut) },
  { method: "get", path: "/rest/ph_user/{id}", summary: "Get a user (SOAR playbooks look up their effective user here)", permission: "containers.read", response: out.phUserOut },
  { method: "get", path: "/rest/scm", summary: "List repositories of playbooks and custom functions with their ids (e.g. _filter_name=\"local\"); /rest/playbook?_filter_scm=<id> filters by one", permission: "playbooks.read", list: true, response: out.listOf(out.scmOut) },
  { method: "get", path: "/rest/scm/{id}", summary: "Get a repository", permission: "playbooks.read", response: out.scmOut },
  { method: "get", path: "/rest/custom_function", summary: "List custom functions (e.g. _filter_name=\"workbook_task_update\", _filter_scm=\"community\")", permission: "playbooks.read", list: true, response: out.listOf(out.customFunctionOut) },
  { method: "post", path: "/rest/custom_function", summary: "Create or replace a custom function: SOAR's fields (name, python, description, inputs, outputs, scm) or a base64 export archive in custom_function", permission: "playbooks.write", body: customFunctionCreateSchema, response: out.customFunctionSaved },
  { method: "get", path: "/rest/custom_function/{id}", summary: "Get a custom function with its code (python)", permission: "playbooks.read", response: out.customFunctionOut },
  { method: "get", path: "/rest/webhook", summary: "List inbound webhooks with their secret URLs", permission: "admin.settings", response: out.listOf(webhookOut) },
  { method: "post", path: "/rest/webhook", summary: "Create an inbound webhook: a secret URL and a field mapping (JSON paths to container fields and CEF); tools POST alerts to its url", permission: "admin.settings", body: newWebhookSchema, response: webhookOut },
  { method: "get", path: "/rest/webhook/{id}", summary: "Get an inbound webhook", permission: "admin.settings", response: webhookOut },
  { method: "post", path: "/rest/webhook/{id}", summary: "Change an inbound webhook (only the fields given)", permission: "admin.settings", body: webhookUpdateSchema, response: webhookOut },
  { method: "delete", path: "/rest/webhook/{id}", summary: "Delete an inbound webhook (its URL answers 404 from then on)", permission: "admin.settings", response: out.okOut },
  { method: "post", path: "/rest/webhook/{id}/rotate", summary: "A new secret URL (the old one stops working); {\"secret\": true} also a new signing secret, answered once", permission: "admin.settings", body: webhookRotateSchema, response: webhookOut },
];

const LIST_PARAMETERS = [
  { name: "page", in: "query", schema: { type: "integer", minimum: 0, default: 0 }, description: "0-based page" },
  { name: "page_size", in: "query", schema: { type: "integer", minimum: 0, default: 10 }, description: "rows per page; 0 returns all" },
  { name: "sort", in: "query", schema: { type: "string" }, description: "field to sort on" },
  { name: "order", in: "query", schema: { type: "string", enum: ["asc", "desc"] } },
];

/** How a list's count is found (lib/domain/list-count.ts), and what a too broad filter gets. */
const LIST_DESCRIPTION = " `count` is exact up to VIGIL_REST_EXACT_COUNT_LIMIT (default 10,000) matches; above it, " +
  "the exact count of the same filter if this server counted it in the last 10 seconds, else PostgreSQL's estimate " +
  "(at least the limit + 1) while the exact count runs in the background: the `x-vigil-count` header says which, and " +
  "`num_pages` follows `count`, so page until a short or empty page. A list that runs past " +
  "VIGIL_REST_STATEMENT_TIMEOUT_MS answers 400 naming the filters no index serves (503 when every filter has one).";

/** Inline JSON Schema (OpenAPI 3.1 speaks draft 2020-12); `$schema` belongs to documents, not parts. */
function schema(s: z.ZodType, io: "input" | "output") {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any", reused: "inline" });
  return rest;
}

export function openApiDocument(baseUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params: unknown[] = op.path.includes("{id}") ? [{ name: "id", in: "path", required: true, schema: { type: "integer" } }] : [];
    for (const q of op.query ?? []) params.push({ name: q.name, in: "query", required: true, schema: { type: "string" }, description: q.description });
    if (op.path.includes("{field}")) params.push({ name: "field", in: "path", required: true, schema: { type: "string" }, description: "a field of the object's shape, e.g. name" });
    if (op.list) params.push(...LIST_PARAMETERS, {
      name: "_filter_<field>[__<lookup>]", in: "query", schema: { type: "string" },
      description: "Python literal, e.g. _filter_status=\"open\", _filter_id__in=[1,2]; lookups: exact, iexact, in, contains, icontains, startswith, istartswith, endswith, iendswith, gt, gte, lt, lte, isnull, range",
    });
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: `Needs the \`${op.permission}\` permission.${op.list ? LIST_DESCRIPTION : ""}`,
      parameters: params,
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schema(op.body, "input") } } } } : {}),
      responses: {
        "200": {
          description: "OK",
          ...(op.list ? { headers: { "x-vigil-count": { description: "how `count` was found: exact, cached (exact, up to 10 s old) or estimate", schema: { type: "string", enum: ["exact", "cached", "estimate"] } } } } : {}),
          content: { "application/json": { schema: schema(op.response, "output") } },
        },
        default: { description: "Error (400 bad input or duplicate container, 401, 403, 404 unknown object or path, 405 method, 409 duplicate, 413 too large)", content: { "application/json": { schema: schema(out.failure, "output") } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Vigil REST API (Phantom-compatible)", version: VERSION },
    servers: [{ url: baseUrl }],
    components: {
      securitySchemes: {
        phAuthToken: { type: "apiKey", in: "header", name: "ph-auth-token" },
        basic: { type: "http", scheme: "basic" },
      },
    },
    security: [{ phAuthToken: [] }, { basic: [] }],
    paths,
  };
}
