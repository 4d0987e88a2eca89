// Input of assets (REST /rest/asset and, later, the console form) and of action runs
// (POST /rest/action_run in Phantom's shape).
import { z } from "zod";
import { ROLES } from "../auth/permissions";
import { ACTION_TYPES } from "./app-manifest";
import { id, jsonObject, tags } from "./common";

export const assetName = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,127}$/, "expected 1-128 letters, digits, spaces, _ . - (starting with a letter or digit)");

const owner = z.union([
  z.strictObject({ user: z.union([id, z.string().min(1).max(64)]) }),
  z.strictObject({ role: z.enum(ROLES) }),
], { error: 'expected {"user": <id or username>} or {"role": "<role>"}' });

export const assetFields = {
  description: z.string().max(4000).optional(),
  tags: tags.optional(),
  configuration: jsonObject.optional(),
  primary_owners: z.array(owner).max(50).optional(),
  secondary_owners: z.array(owner).max(50).optional(),
  approval_required_for: z.array(z.enum(ACTION_TYPES)).max(ACTION_TYPES.length).optional(),
  /** Minutes each approval stage waits before it escalates (primary, secondary owners, managers). */
  approval_sla_minutes: z.number().int().min(1).max(525_600).optional(),
  concurrency_limit: z.number().int().min(1).max(1000).optional(),
  timeout_seconds: z.number().int().min(1).max(86_400).nullable().optional(),
  disabled: z.boolean().optional(),
};

/** The app is named by Vigil's app id, its appid (UUID), or product_vendor + product_name as SOAR does. */
export const newAssetSchema = z
  .looseObject({
    name: assetName,
    app_id: z.union([id, z.string().min(1).max(64)]).optional(),
    product_vendor: z.string().max(128).optional(),
    product_name: z.string().max(128).optional(),
    ...assetFields,
  })
  .refine((a) => a.app_id !== undefined || (a.product_vendor && a.product_name), {
    message: "name the app: app_id, or product_vendor and product_name",
    path: ["app_id"],
  });
export type NewAsset = z.output<typeof newAssetSchema>;

export const assetUpdateSchema = z.looseObject({ name: assetName.optional(), ...assetFields });
export type AssetUpdate = z.output<typeof assetUpdateSchema>;

const target = z.strictObject({
  assets: z.array(z.union([id, z.string().min(1).max(128)])).min(1, "a target needs at least one asset").max(100),
  parameters: z.array(jsonObject).min(1, "a target needs at least one parameter set ([{}] for an action without parameters)").max(10_000),
  app_id: z.union([id, z.string().min(1).max(64)]).optional(),
});

export const newActionRunSchema = z.looseObject({
  action: z.string().trim().min(1).max(128),
  container_id: id,
  name: z.string().trim().max(256).optional(),
  type: z.enum(ACTION_TYPES).optional(),
  targets: z.array(target).min(1, "targets: give at least one {assets, parameters}").max(100),
});
export type NewActionRun = z.output<typeof newActionRunSchema>;

export const actionRunUpdateSchema = z.looseObject({ cancel: z.literal(true, { error: 'the only update is {"cancel": true}' }) });

/** Console server actions on apps and assets. */
export const appEnabledSchema = z.strictObject({ id, enabled: z.boolean() });
export const assetRefSchema = z.strictObject({ id });
export const actionRunRefSchema = z.strictObject({ id });
export const assetEditSchema = z.strictObject({ id, patch: assetUpdateSchema });
