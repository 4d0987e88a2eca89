// Administering inbound webhooks: create, change, rotate, delete, each with its audit row in the
// same transaction. The URL token is random (32 bytes), looked up by its SHA-256 and kept sealed
// so the console can show the URL again; the HMAC signing secret is sealed like asset secrets
// and never answered back except once, when Vigil generated it.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, Webhook } from "@prisma/client";
import { db } from "../../db/client";
import { loadKeyring, openBound, sealBound, sealedVersion } from "../../secrets";
import type { NewWebhook, WebhookMapping, WebhookUpdate } from "../../schemas/webhooks";
import { webhookMappingSchema } from "../../schemas/webhooks";
import type { Actor } from "../actor";
import { appendAudit } from "../audit";
import { DomainError } from "../errors";
import { inTransaction } from "../transactions";

export const WEBHOOK_PATH = "/api/webhooks/";

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
const tokenBinding = (id: number) => `webhook:${id}:token`;
const secretBinding = (id: number) => `webhook:${id}:secret`;

export interface WebhookView {
  id: number;
  name: string;
  description: string;
  /** Path with the secret token; prefix it with the base URL. */
  path: string;
  mapping: WebhookMapping;
  signatureHeader: string;
  hasSecret: boolean;
  disabled: boolean;
  received: number;
  lastReceivedAt: Date | null;
  createdAt: Date;
}

export function viewOf(w: Webhook): WebhookView {
  return {
    id: w.id, name: w.name, description: w.description,
    path: WEBHOOK_PATH + openBound(w.tokenSealed, tokenBinding(w.id), `the URL token of webhook ${w.id}`),
    mapping: webhookMappingSchema.parse(w.mapping), signatureHeader: w.signatureHeader, hasSecret: Boolean(w.secretSealed),
    disabled: w.disabled, received: w.received, lastReceivedAt: w.lastReceivedAt, createdAt: w.createdAt,
  };
}

export function openWebhookSecret(w: Webhook): string | null {
  return w.secretSealed ? openBound(w.secretSealed, secretBinding(w.id), `the signing secret of webhook ${w.id}`) : null;
}

const newToken = () => randomBytes(32).toString("base64url");
const newSecret = () => randomBytes(32).toString("base64url");
const duplicateName = (name: string) => new DomainError("conflict", `a webhook named "${name}" exists already`, "name");

export async function listWebhooks(): Promise<WebhookView[]> {
  return (await db.webhook.findMany({ orderBy: { id: "asc" } })).map(viewOf);
}

export async function getWebhook(id: number): Promise<WebhookView> {
  const w = await db.webhook.findUnique({ where: { id } });
  if (!w) throw new DomainError("not_found", `webhook ${id} does not exist`);
  return viewOf(w);
}

/** Creates a webhook; `secret` is answered only when Vigil generated it. */
export async function createWebhook(input: NewWebhook, actor: Actor): Promise<{ webhook: WebhookView; secret: string | null }> {
  const signing = input.signature_header ? input.secret ?? newSecret() : null;
  if (!input.signature_header && input.secret) {
    throw new DomainError("invalid", "secret is set but signature_header is empty: name the header that carries the signature", "signature_header");
  }
  const token = newToken();
  const webhook = await inTransaction(async (tx) => {
    if (await tx.webhook.findUnique({ where: { name: input.name }, select: { id: true } })) throw duplicateName(input.name);
    // The seal binds the row id, known only after the insert: a placeholder first, then the seal.
    const row = await tx.webhook.create({
      data: {
        name: input.name, description: input.description, mapping: input.mapping as Prisma.InputJsonObject, tokenHash: tokenHash(token),
        tokenSealed: "", signatureHeader: input.signature_header, disabled: input.disabled,
      },
    });
    const sealed = await tx.webhook.update({
      where: { id: row.id },
      data: { tokenSealed: sealBound(token, tokenBinding(row.id)), secretSealed: signing ? sealBound(signing, secretBinding(row.id)) : null },
    });
    await appendAudit(tx, actor, { action: "webhook.create", objectType: "webhook", objectId: row.id, detail: auditDetail(sealed) });
    return sealed;
  }, { violations: { "23505": duplicateName(input.name) } });
  return { webhook: viewOf(webhook), secret: signing && !input.secret ? signing : null };
}

export async function updateWebhook(id: number, patch: WebhookUpdate, actor: Actor): Promise<WebhookView> {
  const updated = await inTransaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw new DomainError("not_found", `webhook ${id} does not exist`);
    const header = patch.signature_header ?? before.signatureHeader;
    if (header && !patch.secret && !before.secretSealed) {
      throw new DomainError("invalid", "signature_header needs a secret: send secret (at least 16 characters) with it", "secret");
    }
    if (!header && patch.secret) throw new DomainError("invalid", "secret is set but signature_header is empty", "signature_header");
    const row = await tx.webhook.update({
      where: { id },
      data: {
        name: patch.name, description: patch.description, mapping: patch.mapping as Prisma.InputJsonObject | undefined,
        signatureHeader: patch.signature_header, disabled: patch.disabled,
        // Turning the check off drops the secret, so turning it on again asks for a new one.
        secretSealed: !header ? null : patch.secret ? sealBound(patch.secret, secretBinding(id)) : undefined,
      },
    });
    await appendAudit(tx, actor, {
      action: "webhook.update", objectType: "webhook", objectId: id,
      detail: { ...auditDetail(row), changed: Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined) },
    });
    return row;
  }, { violations: { "23505": duplicateName(patch.name ?? "") } });
  return viewOf(updated);
}

/** A new URL (the old one stops answering at once) and, when asked, a new signing secret. */
export async function rotateWebhook(id: number, opts: { secret: boolean }, actor: Actor): Promise<{ webhook: WebhookView; secret: string | null }> {
  const token = newToken();
  let secret: string | null = null;
  const row = await inTransaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw new DomainError("not_found", `webhook ${id} does not exist`);
    if (opts.secret && !before.signatureHeader) throw new DomainError("invalid", "this webhook checks no signature: set signature_header first", "secret");
    secret = opts.secret ? newSecret() : null;
    const updated = await tx.webhook.update({
      where: { id },
      data: { tokenHash: tokenHash(token), tokenSealed: sealBound(token, tokenBinding(id)), ...(secret ? { secretSealed: sealBound(secret, secretBinding(id)) } : {}) },
    });
    await appendAudit(tx, actor, { action: "webhook.rotate", objectType: "webhook", objectId: id, detail: { name: updated.name, url: true, secret: Boolean(secret) } });
    return updated;
  });
  return { webhook: viewOf(row), secret };
}

export async function deleteWebhook(id: number, actor: Actor): Promise<void> {
  await inTransaction(async (tx) => {
    const gone = await tx.webhook.deleteMany({ where: { id } });
    if (!gone.count) throw new DomainError("not_found", `webhook ${id} does not exist`);
    await appendAudit(tx, actor, { action: "webhook.delete", objectType: "webhook", objectId: id });
  });
}

function auditDetail(w: Webhook): Prisma.InputJsonObject {
  return { name: w.name, mapping: w.mapping as Prisma.InputJsonObject, signature_header: w.signatureHeader, disabled: w.disabled };
}

/** `vigil secrets rotate`: re-seals each webhook's URL token and signing secret under the newest key version. */
export async function resealWebhooks(actor: Actor, ring = loadKeyring({ fresh: true })): Promise<number> {
  let resealed = 0;
  for (const { id } of await db.webhook.findMany({ select: { id: true } })) {
    await inTransaction(async (tx) => {
      const [w] = await tx.$queryRaw<Webhook[]>`select id, token_sealed as "tokenSealed", secret_sealed as "secretSealed" from webhooks where id = ${id} for update`;
      if (!w) return;
      const stale = (v: string | null): v is string => Boolean(v) && sealedVersion(v!) !== ring.current;
      const data: { tokenSealed?: string; secretSealed?: string } = {};
      if (stale(w.tokenSealed)) data.tokenSealed = sealBound(openBound(w.tokenSealed, tokenBinding(id), `the URL token of webhook ${id}`, ring), tokenBinding(id), ring);
      if (stale(w.secretSealed)) data.secretSealed = sealBound(openBound(w.secretSealed, secretBinding(id), `the signing secret of webhook ${id}`, ring), secretBinding(id), ring);
      const fields = Object.keys(data);
      if (!fields.length) return;
      await tx.webhook.update({ where: { id }, data });
      await appendAudit(tx, actor, { action: "webhook.secrets_rotate", objectType: "webhook", objectId: id, detail: { fields, key_version: ring.current } });
      resealed += fields.length;
    });
  }
  return resealed;
}
