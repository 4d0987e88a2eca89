// What the REST API answers, as zod schemas: the OpenAPI document is generated from these and
// from the input schemas, so the published contract and the code cannot drift apart silently.
import { z } from "zod";

const when = z.string().nullable().describe("ISO 8601 time (UTC)");
const json = z.record(z.string(), z.unknown());

export const containerOut = z.object({
  id: z.number().int(), name: z.string(), description: z.string(), label: z.string(), severity: z.string(),
  sensitivity: z.string(), status: z.string(), owner: z.number().int().nullable(), owner_name: z.string().nullable(),
  tags: z.array(z.string()), source_data_identifier: z.string().nullable(), container_type: z.enum(["default", "case"]),
  due_time: when, start_time: when, open_time: when, close_time: when, end_time: when, create_time: when,
  container_update_time: when, artifact_update_time: when, artifact_count: z.number().int(), custom_fields: json,
  hash: z.string(), parent_container: z.number().int().nullable(), in_case: z.boolean(), version: z.number().int(),
  tenant: z.number().int(), data: json.optional().describe("detail only, not in lists"),
});

export const artifactOut = z.object({
  id: z.number().int(), container: z.number().int(), name: z.string(), label: z.string(), type: z.string(),
  severity: z.string(), cef: json, cef_types: z.record(z.string(), z.array(z.string())), tags: z.array(z.string()),
  source_data_identifier: z.string().nullable(), hash: z.string(), description: z.string(), start_time: when,
  end_time: when, create_time: when, update_time: when, run_automation: z.boolean(), in_case: z.boolean(),
  has_note: z.boolean(), version: z.number().int(), data: json.optional().describe("detail only, not in lists"),
});

export const indicatorOut = z.object({
  id: z.number().int(), value: z.string(), value_hash: z.string(), contains: z.array(z.string()), tags: z.array(z.string()),
  _special_contains: z.array(z.string()).optional().describe("its contains types, when asked with _special_contains=True"),
  earliest_time: when, latest_time: when, first_seen: when, last_seen: when,
  count: z.number().int().describe("artifacts it was seen in"), total_events: z.number().int().describe("containers it was seen in"),
});

export const indicatorCommonContainerOut = z.object({
  container_id: z.number().int(), container_name: z.string(), indicator_ids: z.array(z.number().int()).describe("which of the asked indicators it holds"),
});

export const noteOut = z.object({
  id: z.number().int(), container: z.number().int(), title: z.string(), content: z.string(), note_type: z.string(), note_format: z.string(),
  author: z.number().int().nullable(), author_name: z.string().nullable(), create_time: when, modified_time: when,
});

export const commentOut = z.object({
  id: z.number().int(), container: z.number().int(), comment: z.string(), user: z.number().int().nullable(),
  user_name: z.string().nullable(), time: when,
});

export const vaultDocumentOut = z.object({
  id: z.number().int(), container: z.number().int(), name: z.string(), hash: z.string().describe("SHA-256"),
  vault_id: z.string(), size: z.number().int(), mime_type: z.string(), metadata: json, create_time: when,
});

export const auditOut = z.object({
  id: z.number().int(), time: when, user: z.number().int().nullable(), user_name: z.string(), action: z.string(),
  object_type: z.string(), object_id: z.string().nullable(), container: z.number().int().nullable(), detail: json,
  hash: z.string(), prev_hash: z.string(),
});

export const cefFieldOut = z.object({
  id: z.number().int().nullable(), name: z.string(), contains: z.array(z.string()), type: z.enum(["default", "custom"]),
});

export const severityOut = z.object({ id: z.number().int(), name: z.string(), color: z.string(), builtin: z.boolean() });
export const containerStatusOut = z.object({
  id: z.number().int(), name: z.string(), status_type: z.enum(["new", "open", "closed"]), builtin: z.boolean(),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ count: z.number().int(), num_pages: z.number().int(), data: z.array(item) });
}

export const created = z.object({ success: z.literal(true), id: z.number().int() });
export const containerCreated = created.extend({ new_artifact_ids: z.array(z.number().int()) });
export const okOut = z.object({ success: z.literal(true) });
export const failure = z.object({
  failed: z.literal(true), message: z.string(),
  existing_container_id: z.number().int().optional(), existing_artifact_id: z.number().int().optional(),
});
export const vaultAdded = z.object({
  succeeded: z.literal(true), success: z.literal(true), message: z.string(), id: z.number().int(), hash: z.string(),
  vault_id: z.string(), size: z.number().int(),
});
export const versionOut = z.object({ version: z.string() });
export const systemInfoOut = z.object({ base_url: z.string(), time_zone: z.string() });

export const phUserOut = z.object({
  id: z.number().int(), username: z.string(), first_name: z.string(), last_name: z.string(), email: z.string(),
  type: z.enum(["normal", "automation"]), role: z.string(), is_active: z.boolean(), date_joined: z.string(), last_login: z.string().nullable(), time_zone: z.string(),
});

export const scmOut = z.object({
  id: z.number().int(), name: z.string(), type: z.literal("local"), uri: z.string(), branch: z.string(), read_only: z.boolean(), disabled: z.boolean(), create_time: when,
});
export const customFunctionOut = z.object({
  id: z.number().int(), name: z.string(), scm: z.string(), description: z.string(), language: z.enum(["javascript", "python"]),
  draft_mode: z.boolean(), create_time: when, modified_time: when, python: z.string().optional(),
});
export const customFunctionSaved = z.object({
  success: z.literal(true), id: z.number().int(), custom_functions: z.array(z.object({ id: z.number().int(), name: z.string(), scm: z.string() })),
});

export const pinOut = z.object({
  id: z.number().int(), container: z.number().int(), author: z.number().int().nullable(), author_name: z.string().nullable(),
  name: z.string(), message: z.string(), data: z.string(), pin_type: z.string(), pin_style: z.string(), order: z.number().int(),
  create_time: when, modified_time: when,
});

export const bulkDeleted = z.object({ success: z.literal(true), deleted: z.array(z.number().int()) });

export const oneField = z.record(z.string(), z.unknown()).describe("{<field>: value}");
