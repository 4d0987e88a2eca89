// A delivery to a webhook's secret URL becomes a container through createContainer, the very
// path POST /rest/container takes (validation, taxonomy, dedup by source_data_identifier, one
// atomic statement with its audit row). Everything a sender can get wrong is found before that
// statement runs, so a refused delivery writes nothing: unknown URL (404), missing or wrong
// signature (401), body too large (413), not JSON or not an object (400), a mapped value the
// container refuses (400 naming the container field and the JSON path).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { db } from "../../db/client";
import { log } from "../../log";
import { checkValue, readBody, restMaxBodyBytes, validate } from "../../rest/body";
import { newContainerSchema } from "../../schemas/containers";
import type { WebhookMapping } from "../../schemas/webhooks";
import { webhookMappingSchema } from "../../schemas/webhooks";
import type { Actor } from "../actor";
import { createContainer } from "../containers";
import { DomainError } from "../errors";
import { parseJsonPath, readJsonPath } from "./json-path";
import { openWebhookSecret, tokenHash } from "./webhooks";

export interface Delivery {
  created: boolean;
  containerId: number;
  artifactIds: number[];
}

export async function receiveWebhook(token: string, request: Request): Promise<Delivery> {
  const hook = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await db.webhook.findUnique({ where: { tokenHash: tokenHash(token) } }) : null;
  if (!hook) throw new DomainError("not_found", "no webhook at this address (it was deleted, or its URL was rotated)");
  if (hook.disabled) throw new DomainError("forbidden", `webhook "${hook.name}" is disabled`);
  const raw = await readBody(request, restMaxBodyBytes());
  if (hook.signatureHeader) checkSignature(hook.signatureHeader, request.headers.get(hook.signatureHeader), openWebhookSecret(hook) ?? "", raw);
  const alert = parseAlert(raw);
  const mapping = webhookMappingSchema.parse(hook.mapping);
  const input = containerFrom(alert, mapping, { id: hook.id, name: hook.name }, raw);
  const actor: Actor = { id: null, name: `webhook:${hook.name}`, role: "system" };
  const result = await createContainer(input, actor);
  // Counters for the console's list; the container is committed already, so a failure here
  // only leaves the count one short and must not turn the delivery into an error.
  await db.webhook.update({ where: { id: hook.id }, data: { received: { increment: 1 }, lastReceivedAt: new Date() } })
    .catch((err: unknown) => log.warn({ err: (err as Error).message, webhook: hook.id }, "webhook counter not updated"));
  return { created: result.created, containerId: result.id, artifactIds: result.artifacts.map((a) => a.id) };
}

/** HMAC-SHA256 of the raw body, as hex or base64, optionally prefixed "sha256=" (GitHub's form). */
export function checkSignature(header: string, given: string | null, secret: string, body: Buffer): void {
  if (!given) throw new DomainError("unauthorized", `the ${header} header is missing: this webhook needs the HMAC-SHA256 signature of the body`);
  const value = given.trim().replace(/^sha256=/i, "");
  const expected = createHmac("sha256", secret).update(body).digest();
  const presented = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new DomainError("unauthorized", `the ${header} signature does not match the body (HMAC-SHA256 with this webhook's secret, hex or base64)`);
  }
}

function parseAlert(raw: Buffer): Record<string, unknown> {
  const text = raw.toString("utf8");
  if (!text.trim()) throw new DomainError("invalid", "the request body is empty: send the alert as a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DomainError("invalid", `malformed JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new DomainError("invalid", "the body must be one alert as a JSON object (an array or a bare value is not an alert)");
  }
  checkValue(value, "", 0);
  return value as Record<string, unknown>;
}

const asText = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v));

/** The REST container the mapping makes of one alert, validated with REST's own schema. */
export function containerFrom(alert: Record<string, unknown>, mapping: WebhookMapping, hook: { id: number; name: string }, raw: Buffer) {
  const fields: Record<string, unknown> = {};
  for (const [field, path] of Object.entries(mapping.container)) {
    const value = readJsonPath(alert, parseJsonPath(path));
    if (value === undefined || value === null || value === "") continue;
    fields[field] = field === "tags" ? (Array.isArray(value) ? value.map(asText) : [asText(value)]) : asText(value);
  }
  const cef: Record<string, unknown> = {};
  for (const [field, path] of Object.entries(mapping.cef)) {
    const value = readJsonPath(alert, parseJsonPath(path));
    if (value !== undefined && value !== null && value !== "") cef[field] = value;
  }
  const candidate = {
    name: `${hook.name} alert`,
    label: mapping.label,
    // No identifier mapped: the body's hash, so a sender retrying one delivery does not make two containers.
    source_data_identifier: `webhook:${hook.id}:${createHash("sha256").update(raw).digest("hex")}`,
    ...fields,
    data: { webhook: hook.name, alert },
    artifacts: Object.keys(cef).length ? [{ name: mapping.artifact_name, label: mapping.artifact_label, cef }] : [],
  };
  try {
    return validate(newContainerSchema, candidate);
  } catch (err) {
    if (!(err instanceof DomainError) || !err.field) throw err;
    const top = err.field.split(/[.[]/)[0]!;
    const path = mapping.container[top];
    throw new DomainError("invalid", path ? `${err.message} (mapped from ${path})` : err.message, err.field);
  }
}
