// First start: an administrator with a generated password (printed once), or in demo mode one
// documented account per role and a few sample events (lib/demo-data.ts).
import { db } from "./db/client";
import type { Role } from "./auth/permissions";
import { SYSTEM } from "./domain/actor";
import { countUsers, createUser, findUserByName } from "./domain/users";
import { ensureDemoEvents } from "./demo-data";

export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; name: string }[] = [
  { username: "admin", password: "vigil-admin", role: "administrator", name: "Ada Admin" },
  { username: "manager", password: "vigil-manager", role: "manager", name: "Morgan Manager" },
  { username: "analyst", password: "vigil-analyst", role: "analyst", name: "Alex Analyst" },
  { username: "owner", password: "vigil-owner", role: "asset_owner", name: "Olive Owner" },
  { username: "observer", password: "vigil-observer", role: "observer", name: "Oscar Observer" },
];

/** SOAR's ids: the first administrator is user 1 (the automation user is 2) when 1 is free. */
async function firstId(): Promise<number | undefined> {
  return (await db.user.findUnique({ where: { id: 1 }, select: { id: true } })) ? undefined : 1;
}

/** Creates the first administrator when there are no users; returns its password once. */
export async function ensureFirstAdministrator(): Promise<{ username: string; password: string } | null> {
  if ((await countUsers()) > 0) return null;
  const { user, password } = await createUser({ id: await firstId(), username: "admin", name: "Administrator", role: "administrator" }, SYSTEM);
  return { username: user.username, password: password! };
}

/**
 * Adds the demo accounts and sample events, but only to an instance without users: the demo
 * passwords are published, and must never become a way into a real installation. Returns
 * whether it did.
 */
export async function ensureDemoData(): Promise<boolean> {
  if ((await countUsers()) > 0) return false;
  for (const account of DEMO_ACCOUNTS) {
    if (!(await findUserByName(account.username))) await createUser({ ...account, id: account.role === "administrator" ? await firstId() : undefined }, SYSTEM);
  }
  for (const name of ["events", "phishing", "malware", "network"]) {
    await db.label.upsert({ where: { name }, update: {}, create: { name } });
  }
  await ensureDemoEvents();
  return true;
}
