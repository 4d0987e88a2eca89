// Inbound webhooks as the REST API and the console take them: a name, a field mapping (JSON
// paths into the posted alert, checked when saved) and an optional HMAC-SHA256 signature check.
import { z } from "zod";
import { parseJsonPath } from "../domain/webhooks/json-path";
import { opt } from "./common";

/** Container fields a mapping may fill; everything else keeps REST's defaults. */
export const WEBHOOK_CONTAINER_FIELDS = [
  "name", "description", "label", "severity", "sensitivity", "status", "source_data_identifier", "start_time", "due_time", "tags",
] as const;

const jsonPath = z.string().max(512).superRefine((value, ctx) => {
  try {
    parseJsonPath(value);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
  }
});

const containerPaths = z.record(z.string(), jsonPath).superRefine((value, ctx) => {
  for (const key of Object.keys(value)) {
    if (!(WEBHOOK_CONTAINER_FIELDS as readonly string[]).includes(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: `not a container field a webhook can fill (use ${WEBHOOK_CONTAINER_FIELDS.join(", ")})` });
    }
  }
});

export const webhookMappingSchema = z.object({
  /** Container field -> JSON path, e.g. {"name": "$.title", "source_data_identifier": "$.id"}. */
  container: opt(containerPaths, {}),
  /** CEF field of the one artifact -> JSON path, e.g. {"sourceAddress": "$.src.ip"}. */
  cef: opt(z.record(z.string().trim().min(1, "a CEF field name is empty").max(256).regex(/^[A-Za-z_][\w.-]*$/, "a CEF field name must be a word (letters, digits, _ . -)"), jsonPath), {}),
  /** Label of new containers when `container.label` is not mapped or absent. */
  label: opt(z.string().trim().min(1).max(128), "events"),
  artifact_name: opt(z.string().trim().min(1).max(1024), "webhook alert"),
  artifact_label: opt(z.string().trim().min(1).max(128), "event"),
}, { error: "mapping must be a JSON object" });
export type WebhookMapping = z.output<typeof webhookMappingSchema>;

// An HTTP header name (RFC 9110 token); empty turns the signature check off.
const header = z.string().trim().max(128).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]*$/, "signature_header must be an HTTP header name, e.g. X-Signature-256");
const secret = z.string().min(16, "secret: at least 16 characters").max(512);

export const newWebhookSchema = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(128),
  description: opt(z.string().max(2000), ""),
  mapping: opt(webhookMappingSchema, webhookMappingSchema.parse({})),
  signature_header: opt(header, ""),
  /** The shared HMAC secret; with a signature_header and no secret, one is generated and answered once. */
  secret: secret.nullish(),
  disabled: opt(z.boolean(), false),
});
export type NewWebhook = z.output<typeof newWebhookSchema>;

export const webhookUpdateSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(128),
  description: z.string().max(2000),
  mapping: webhookMappingSchema,
  signature_header: header,
  secret,
  disabled: z.boolean(),
}).partial();
export type WebhookUpdate = z.output<typeof webhookUpdateSchema>;

/** POST /rest/webhook/<id>/rotate: a new URL always; `secret: true` also a new signing secret. */
export const webhookRotateSchema = z.object({ secret: opt(z.boolean(), false) });

/** What /rest/webhook answers for one webhook (the URL holds the secret token). */
export const webhookOut = z.object({
  id: z.number().int(), name: z.string(), description: z.string(), url: z.string(), mapping: webhookMappingSchema,
  signature_header: z.string(), has_secret: z.boolean(), disabled: z.boolean(), received: z.number().int(),
  last_received_time: z.string().nullable(), create_time: z.string(),
  secret: z.string().optional().meta({ description: "only when Vigil generated the signing secret: shown this once" }),
});
