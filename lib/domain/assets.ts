// Assets: configured instances of an app. Configuration is checked against the app's manifest
// (unknown fields, required ones, types, value lists); fields of data_type "password" are sealed
// with lib/secrets.ts before they are stored and leave this module only decrypted for the
// worker (assetRunConfig) or as "set"/null for everyone else (assetSecretsMasked).
import { Prisma, type App, type Asset } from "@prisma/client";
import { db } from "../db/client";
import { addKeyVersion, decryptSecret, encryptSecret, isSealed, loadKeyring, sealedVersion } from "../secrets";
import { secretFields, type AppManifest } from "../schemas/app-manifest";
import type { AssetUpdate, NewAsset } from "../schemas/assets";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";
import { inTransaction, pgCode } from "./transactions";

export type AssetWithApp = Asset & { app: App };
export type Owner = { user: number } | { role: string };

/** Phantom puts this in every asset's configuration; it carries nothing for Vigil. */
const RESERVED = "_reserved_environment_variables";

export async function findApp(ref: number | string | undefined, vendor?: string, product?: string): Promise<App> {
  const app = typeof ref === "number"
    ? await db.app.findUnique({ where: { id: ref } })
    : typeof ref === "string"
      ? await db.app.findFirst({ where: { OR: [{ appid: ref }, { name: ref }] }, orderBy: [{ enabled: "desc" }, { id: "asc" }] })
      : await db.app.findFirst({ where: { productVendor: vendor, productName: product }, orderBy: [{ enabled: "desc" }, { id: "asc" }] });
  const named = ref ?? `${vendor} ${product}`;
  if (!app) throw new DomainError("invalid", `app_id: no app "${named}" is installed`, "app_id");
  if (!app.enabled) throw new DomainError("invalid", `app_id: the app "${app.name}" is disabled${app.error ? ` (${app.error})` : ""}`, "app_id");
  return app;
}

const manifestOf = (app: App) => app.manifest as unknown as AppManifest;

/**
 * The configuration to store: given fields checked and typed, secrets sealed for `assetId`.
 * For a password field, "set" keeps the stored value and null or "" clears it.
 */
function prepareConfiguration(app: App, assetId: number, given: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
  const fields = manifestOf(app).configuration ?? {};
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(given)) {
    if (key === RESERVED) continue;
    const def = fields[key];
    const bad = (why: string) => new DomainError("invalid", `configuration.${key}: ${why}`, `configuration.${key}`);
    if (!def) throw bad(`not a configuration field of the ${app.name} app (fields: ${Object.keys(fields).join(", ") || "none"})`);
    if (value === null || value === "") {
      delete out[key];
      continue;
    }
    switch (def.data_type) {
      case "password":
        if (typeof value !== "string") throw bad("expected text");
        if (value !== "set") out[key] = encryptSecret(value, assetId, key);
        else if (!isSealed(stored[key])) throw bad('"set" keeps a stored secret, but none is stored: give the value');
        break;
      case "numeric": {
        const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
        if (typeof n !== "number" || !Number.isFinite(n)) throw bad("expected a number");
        out[key] = n;
        break;
      }
      case "boolean":
        if (typeof value !== "boolean") throw bad("expected true or false");
        out[key] = value;
        break;
      default:
        if (typeof value !== "string") throw bad("expected text");
        out[key] = value;
    }
    if (def.value_list?.length && def.data_type !== "password" && !def.value_list.includes(out[key] as string)) {
      throw bad(`expected one of ${def.value_list.join(", ")}`);
    }
  }
  const missing = Object.entries(fields).filter(([k, f]) => f.required && out[k] === undefined && f.default === undefined).map(([k]) => k);
  if (missing.length) throw new DomainError("invalid", `configuration.${missing[0]}: required by the ${app.name} app`, `configuration.${missing[0]}`);
  return out;
}

async function resolveOwners(owners: NewAsset["primary_owners"], which: string): Promise<Owner[] | undefined> {
  if (!owners) return undefined;
  const out: Owner[] = [];
  for (const [i, o] of owners.entries()) {
    if ("role" in o) {
      out.push({ role: o.role });
      continue;
    }
    const user = await db.user.findFirst({ where: typeof o.user === "number" ? { id: o.user } : { username: o.user }, select: { id: true } });
    if (!user) throw new DomainError("invalid", `${which}[${i}].user: no user ${JSON.stringify(o.user)}`, which);
    out.push({ user: user.id });
  }
  return out;
}

function conflictOnName(err: unknown, name: string | undefined): never {
  if (pgCode(err) === "23505" || (err as { code?: string })?.code === "P2002") throw new DomainError("conflict", `an asset named "${name}" already exists`, "name");
  throw err;
}

export async function createAsset(input: NewAsset, actor: Actor): Promise<AssetWithApp> {
  const app = await findApp(input.app_id, input.product_vendor, input.product_name);
  const [primary, secondary] = [await resolveOwners(input.primary_owners, "primary_owners"), await resolveOwners(input.secondary_owners, "secondary_owners")];
  try {
    return await inTransaction(async (tx) => {
      // The id is bound into each secret's ciphertext, so it is taken before the row is written.
      const [next] = await tx.$queryRaw<{ id: number }[]>`select nextval(pg_get_serial_sequence('assets', 'id'))::int as id`;
      const id = next!.id;
      const configuration = prepareConfiguration(app, id, input.configuration ?? {}, {});
      const asset = await tx.asset.create({
        data: {
          id, name: input.name, description: input.description ?? "", appId: app.id,
          configuration: configuration as Prisma.InputJsonObject, tags: input.tags ?? [],
          primaryOwners: primary ?? [], secondaryOwners: secondary ?? [],
          approvalRequiredFor: input.approval_required_for ?? [], concurrencyLimit: input.concurrency_limit ?? 10,
          approvalSlaMinutes: input.approval_sla_minutes ?? 60,
          timeoutSeconds: input.timeout_seconds ?? null, disabled: input.disabled ?? false,
        },
        include: { app: true },
      });
      await appendAudit(tx, actor, { action: "asset.create", objectType: "asset", objectId: id, detail: { name: input.name, app: app.name, fields: Object.keys(configuration) } });
      return asset;
    });
  } catch (err) {
    conflictOnName(err, input.name);
  }
}

export async function updateAsset(id: number, patch: AssetUpdate, actor: Actor): Promise<AssetWithApp> {
  const current = await getAsset(id);
  const [primary, secondary] = [await resolveOwners(patch.primary_owners, "primary_owners"), await resolveOwners(patch.secondary_owners, "secondary_owners")];
  const configuration = patch.configuration
    ? prepareConfiguration(current.app, id, patch.configuration, current.configuration as Record<string, unknown>)
    : undefined;
  try {
    return await inTransaction(async (tx) => {
      const asset = await tx.asset.update({
        where: { id },
        data: {
          name: patch.name, description: patch.description, tags: patch.tags,
          configuration: configuration as Prisma.InputJsonObject | undefined,
          primaryOwners: primary, secondaryOwners: secondary, approvalRequiredFor: patch.approval_required_for,
          approvalSlaMinutes: patch.approval_sla_minutes,
          concurrencyLimit: patch.concurrency_limit, timeoutSeconds: patch.timeout_seconds, disabled: patch.disabled,
          version: { increment: 1 },
        },
        include: { app: true },
      });
      // Which fields changed, never their values: a secret must not reach the audit trail.
      const fields = Object.keys(patch).filter((k) => k !== "configuration").concat(Object.keys(patch.configuration ?? {}).map((k) => `configuration.${k}`));
      await appendAudit(tx, actor, { action: "asset.update", objectType: "asset", objectId: id, detail: { fields } });
      return asset;
    });
  } catch (err) {
    conflictOnName(err, patch.name);
  }
}

export async function getAsset(id: number): Promise<AssetWithApp> {
  const asset = await db.asset.findUnique({ where: { id }, include: { app: true } });
  if (!asset) throw new DomainError("not_found", `asset ${id} does not exist`);
  return asset;
}

const ASSET_FROM = Prisma.sql`assets s join apps a on a.id = s.app_id`;
const ASSET_FIELDS: FieldMap = {
  id: field("s.id", "int"),
  name: field("s.name", "text"),
  disabled: field("s.disabled", "bool"),
  product_name: field("a.product_name", "text"),
  product_vendor: field("a.product_vendor", "text"),
  app: field("s.app_id", "int"),
  tags: field("s.tags", "text[]"),
};

export async function listAssets(query: ListQuery): Promise<Page<AssetWithApp>> {
  const page = await runList<{ id: number }>({
    select: Prisma.sql`s.id`, from: ASSET_FROM, fields: ASSET_FIELDS, query, idColumn: Prisma.sql`s.id`,
  });
  const rows = await db.asset.findMany({ where: { id: { in: page.data.map((r) => r.id) } }, include: { app: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...page, data: page.data.map((r) => byId.get(r.id)!).filter(Boolean) };
}


/** The configuration as anyone but the app sees it: each secret field "set" or null. */
export function assetSecretsMasked(asset: AssetWithApp): Record<string, unknown> {
  const config = { ...(asset.configuration as Record<string, unknown>) };
  for (const key of secretFields(manifestOf(asset.app))) config[key] = isSealed(config[key]) ? "set" : null;
  return config;
}

/** The configuration the app's code gets: defaults filled in, secrets decrypted. */
export function assetRunConfig(assetId: number, manifest: AppManifest, stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(manifest.configuration ?? {})) if (def.default !== undefined) out[key] = def.default;
  for (const [key, value] of Object.entries(stored)) out[key] = isSealed(value) ? decryptSecret(value, assetId, key) : value;
  return out;
}

/**
 * `vigil secrets rotate`: a new key version (unless the keys come from VIGIL_SECRET_KEY, where
 * the operator adds it), then every sealed value re-encrypted under the newest version. Older
 * versions stay in the keyring so a value sealed by a node that has not restarted still opens.
 */
export async function rotateAssetSecrets(actor: Actor, opts: { newKey: boolean }): Promise<{ version: number; resealed: number }> {
  const ring = opts.newKey ? addKeyVersion() : loadKeyring({ fresh: true });
  let resealed = 0;
  const assets = await db.asset.findMany({ select: { id: true } });
  for (const { id } of assets) {
    await inTransaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ configuration: Record<string, unknown> }[]>`select configuration from assets where id = ${id} for update`;
      if (!row) return;
      const config = { ...row.configuration };
      const fields: string[] = [];
      for (const [key, value] of Object.entries(config)) {
        if (!isSealed(value) || sealedVersion(value) === ring.current) continue;
        config[key] = encryptSecret(decryptSecret(value, id, key, ring), id, key, ring);
        fields.push(key);
      }
      if (!fields.length) return;
      await tx.asset.update({ where: { id }, data: { configuration: config as Prisma.InputJsonObject } });
      await appendAudit(tx, actor, { action: "asset.secrets_rotate", objectType: "asset", objectId: id, detail: { fields, key_version: ring.current } });
      resealed += fields.length;
    });
  }
  return { version: ring.current, resealed };
}
