// Containers and artifacts as the REST API, the console and the engine take them in
// (Phantom's field names). Unknown keys are ignored, as Phantom does, so existing ingestion
// scripts that send extra fields keep working.
import { z } from "zod";
import { id, jsonObject, opt, tags, time } from "./common";

export const SENSITIVITIES = ["white", "green", "amber", "red"] as const;
export const CONTAINER_TYPES = ["default", "case"] as const;

const sdi = z.union([z.string().trim().min(1).max(512), z.number().int().transform(String)]);

export const artifactFields = z.object({
  name: opt(z.string().max(1024), ""),
  label: opt(z.string().trim().min(1).max(128), "event"),
  type: opt(z.string().max(128), ""),
  severity: opt(z.string().trim().min(1).max(64), "medium"),
  cef: opt(jsonObject, {}),
  cef_types: opt(z.record(z.string().max(256), z.array(z.string().max(64)).max(20)), {}),
  tags: opt(tags, []),
  source_data_identifier: sdi.nullish(),
  data: opt(jsonObject, {}),
  description: opt(z.string().max(10_000), ""),
  // Unset (absent or null) differs from false: SOAR starts playbooks on the last artifact of a
  // request unless run_automation says otherwise (lib/domain/ingest.ts automationFlags).
  run_automation: z.boolean().nullish(),
  start_time: time.nullish(),
  end_time: time.nullish(),
});
export type ArtifactFields = z.output<typeof artifactFields>;

/** POST /rest/artifact: one artifact, or a JSON array of them (all or nothing). */
export const newArtifactSchema = artifactFields.extend({ container_id: id });
export type NewArtifact = z.output<typeof newArtifactSchema>;
export const newArtifactsSchema = z.union([newArtifactSchema, z.array(newArtifactSchema).min(1).max(1000)]);

export const newContainerSchema = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(1024),
  description: opt(z.string().max(100_000), ""),
  label: opt(z.string().trim().min(1).max(128), "events"),
  severity: opt(z.string().trim().min(1).max(64), "medium"),
  sensitivity: opt(z.enum(SENSITIVITIES, { error: `sensitivity must be one of ${SENSITIVITIES.join(", ")}` }), "amber"),
  status: opt(z.string().trim().min(1).max(64), "new"),
  owner_id: z.union([id, z.string().trim().min(1).max(64)]).nullish(),
  tags: opt(tags, []),
  source_data_identifier: sdi.nullish(),
  container_type: opt(z.enum(CONTAINER_TYPES, { error: "container_type must be default or case" }), "default"),
  due_time: time.nullish(),
  start_time: time.nullish(),
  custom_fields: opt(jsonObject, {}),
  data: opt(jsonObject, {}),
  /** Only for a container without artifacts (theirs decide otherwise); unset starts playbooks. */
  run_automation: z.boolean().nullish(),
  artifacts: opt(z.array(artifactFields).max(1000), []),
});
export type NewContainer = z.output<typeof newContainerSchema>;

/** POST /rest/container/<id>: only the fields given change. */
export const containerUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(1024),
    description: z.string().max(100_000),
    label: z.string().trim().min(1).max(128),
    severity: z.string().trim().min(1).max(64),
    sensitivity: z.enum(SENSITIVITIES, { error: `sensitivity must be one of ${SENSITIVITIES.join(", ")}` }),
    status: z.string().trim().min(1).max(64),
    owner_id: z.union([id, z.string().trim().min(1).max(64)]).nullable(),
    tags: tags,
    container_type: z.enum(CONTAINER_TYPES, { error: "container_type must be default or case" }),
    due_time: time.nullable(),
    custom_fields: jsonObject,
    data: jsonObject,
    parent_container: id.nullable(),
  })
  .partial();
export type ContainerUpdate = z.output<typeof containerUpdateSchema>;

/** POST /rest/artifact/<id>. */
export const artifactUpdateSchema = z
  .object({
    name: z.string().max(1024),
    label: z.string().trim().min(1).max(128),
    type: z.string().max(128),
    severity: z.string().trim().min(1).max(64),
    cef: jsonObject,
    cef_types: z.record(z.string().max(256), z.array(z.string().max(64)).max(20)),
    tags,
    data: jsonObject,
    description: z.string().max(10_000),
  })
  .partial();
export type ArtifactUpdate = z.output<typeof artifactUpdateSchema>;

/** DELETE /rest/container?ids=[1,2]: the ids as a Python/JSON list (or "1,2"). */
export const bulkDeleteIdsSchema = z.array(id, { error: "ids must be a list of container ids, e.g. ids=[1,2]" })
  .min(1, "ids: name at least one container")
  .max(1000, "ids: at most 1000 containers per request");
