// What the console's asset form needs from the server: the app's configuration fields, the
// owner choices, and the asset as the form starts from (secrets only as "set" or null).
import { ROLE_LABELS, ROLES } from "../auth/permissions";
import type { AppManifest } from "../schemas/app-manifest";
import { assetSecretsMasked, type AssetWithApp, type Owner } from "./assets";
import { listUsers } from "./users";

export async function ownerChoices(): Promise<{ value: string; label: string }[]> {
  const users = (await listUsers()).filter((u) => !u.disabled);
  return [
    ...ROLES.filter((r) => r !== "automation").map((r) => ({ value: `role:${r}`, label: ROLE_LABELS[r] })),
    ...users.map((u) => ({ value: `user:${u.id}`, label: u.name ? `${u.name} (${u.username})` : u.username })),
  ];
}

export const configurationOf = (app: { manifest: unknown }) => (app.manifest as unknown as Partial<AppManifest>).configuration ?? {};

const ownerValue = (o: Owner) => ("role" in o ? `role:${o.role}` : `user:${o.user}`);

export function assetFormInitial(a: AssetWithApp) {
  return {
    id: a.id, name: a.name, description: a.description, configuration: assetSecretsMasked(a), tags: a.tags,
    primaryOwners: (a.primaryOwners as Owner[]).map(ownerValue), secondaryOwners: (a.secondaryOwners as Owner[]).map(ownerValue),
    approvalRequiredFor: a.approvalRequiredFor, concurrencyLimit: a.concurrencyLimit, timeoutSeconds: a.timeoutSeconds,
    ingest: { poll: a.ingestPoll, intervalSeconds: a.ingestIntervalSeconds, label: a.ingestLabel },
  };
}
