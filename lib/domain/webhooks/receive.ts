// A delivery to a webhook's secret URL becomes a container through createContainer, the very
// path POST /rest/container takes (validation, taxonomy, dedup by source_data_identifier, one
// atomic statement with its audit row). Everything a sender can get wrong is found before that
// statement runs, so a refused delivery writes nothing: unknown URL (404), missing or wrong
// signature (401), body too large (413), not JSON or not an object (400), a mapped value the
// container refuses (400 naming the container field and the JSON path). With mapping.items, a
// body holding a list (Alertmanager's and Grafana's `alerts`) makes one container per alert.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { db } from "../../db/client";
import { log } from "../../log";
import { checkValue, readBody, restMaxBodyBytes, validate } from "../../rest/body";
import { newContainerSchema, type NewContainer } from "../../schemas/containers";
import type { WebhookMapping } from "../../schemas/webhooks";
import { webhookMappingSchema } from "../../schemas/webhooks";
import type { Actor } from "../actor";
import { canonicalJson } from "../audit";
import { createContainer } from "../containers";
import { checkTaxonomy } from "../taxonomy";
import { DomainError } from "../errors";
import { parseJsonPath, readJsonPath } from "./json-path";
import { openWebhookSecret, tokenHash } from "./webhooks";

export interface Delivery {
  created: boolean;
  containerId: number;
  artifactIds: number[];
}

/** One delivery: one container, or with mapping.items one per alert of the list (`items` set). */
export type Deliveries = Delivery & { items?: Delivery[] };

const MAX_ITEMS = 1000;

export async function receiveWebhook(token: string, request: Request): Promise<Deliveries> {
  const hook = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await db.webhook.findUnique({ where: { tokenHash: tokenHash(token) } }) : null;
  if (!hook) throw new DomainError("not_found", "no webhook at this address (it was deleted, or its URL was rotated)");
  if (hook.disabled) throw new DomainError("forbidden", `webhook "${hook.name}" is disabled`);
  const raw = await readBody(request, restMaxBodyBytes());
  if (hook.signatureHeader) checkSignature(hook.signatureHeader, request.headers.get(hook.signatureHeader), openWebhookSecret(hook) ?? "", raw);
  const alert = parseAlert(raw);
  const mapping = webhookMappingSchema.parse(hook.mapping);
  const who = { id: hook.id, name: hook.name };
  const actor: Actor = { id: null, name: `webhook:${hook.name}`, role: "system" };
  let results: Delivery[];
  if (!mapping.items) {
    results = [await deliver(containerFrom(alert, mapping, who, raw), actor)];
  } else {
    // Every alert of the list is mapped and checked before the first is written, so a bad one
    // refuses the delivery whole; each alert's identifier (or hash) makes a retry idempotent.
    const list = readJsonPath(alert, parseJsonPath(mapping.items));
    if (!Array.isArray(list)) throw new DomainError("invalid", `mapping.items: the body has no list at ${mapping.items}`);
    if (list.length > MAX_ITEMS) throw new DomainError("invalid", `mapping.items: ${list.length} alerts at ${mapping.items}, more than ${MAX_ITEMS} in one delivery`);
    const inputs = list.map((item, i) => {
      if (!item || typeof item !== "object" || Array.isArray(item)) throw new DomainError("invalid", `${mapping.items}[${i}]: an alert must be a JSON object`);
      try {
        return containerFrom(item as Record<string, unknown>, mapping, who, Buffer.from(canonicalJson(item)));
      } catch (err) {
        if (err instanceof DomainError) throw new DomainError(err.kind, `${mapping.items}[${i}]: ${err.message}`, err.field);
        throw err;
      }
    });
    // Severities and statuses the taxonomy lacks are refused now, not after earlier alerts were saved.
    await checkTaxonomy({ severity: inputs.flatMap((c) => [c.severity, ...c.artifacts.map((a) => a.severity)]), status: inputs.map((c) => c.status) });
    results = [];
    for (const input of inputs) results.push(await deliver(input, actor));
  }
  // Counters for the console's list; the containers are committed already, so a failure here
  // only leaves the count short and must not turn the delivery into an error.
  await db.webhook.update({ where: { id: hook.id }, data: { received: { increment: 1 }, lastReceivedAt: new Date() } })
    .catch((err: unknown) => log.warn({ err: (err as Error).message, webhook: hook.id }, "webhook counter not updated"));
  if (!mapping.items) return results[0]!;
  const first = results.find((r) => r.created) ?? results[0];
  return { created: results.some((r) => r.created), containerId: first?.containerId ?? 0, artifactIds: [], items: results };
}

async function deliver(input: NewContainer, actor: Actor): Promise<Delivery> {
  const result = await createContainer(input, actor);
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
