"use server";
// Administration > Users. Each action: parse with the shared schema, check the permission on
// the server, call one domain function, refresh the page.
import { revalidatePath } from "next/cache";
import { requireAction } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/domain/actor";
import { createApiToken, revokeApiToken } from "@/lib/domain/api-tokens";
import { DomainError } from "@/lib/domain/errors";
import { createUser, setUserDisabled, setUserRole } from "@/lib/domain/users";
import {
  firstIssue, newTokenSchema, newUserSchema, tokenIdSchema, userDisabledSchema, userRoleSchema,
} from "@/lib/schemas/users";

export type ActionResult<T = undefined> = { ok: true; value?: T } | { ok: false; error: string };

const actorOf = (u: SessionUser): Actor => ({ id: u.id, name: u.username, role: u.role });

async function run<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const value = await fn();
    revalidatePath("/admin/users");
    return { ok: true, value };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: err.message };
    throw err;
  }
}

export async function createUserAction(input: unknown): Promise<ActionResult<{ username: string; password: string | null }>> {
  const admin = await requireAction("admin.users");
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  return run(async () => {
    const { user, password } = await createUser(parsed.data, actorOf(admin));
    return { username: user.username, password };
  });
}

export async function setRoleAction(input: unknown): Promise<ActionResult> {
  const admin = await requireAction("admin.users");
  const parsed = userRoleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  return run(async () => void (await setUserRole(parsed.data.userId, parsed.data.role, actorOf(admin))));
}

export async function setDisabledAction(input: unknown): Promise<ActionResult> {
  const admin = await requireAction("admin.users");
  const parsed = userDisabledSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  return run(async () => void (await setUserDisabled(parsed.data.userId, parsed.data.disabled, actorOf(admin))));
}

export async function createTokenAction(input: unknown): Promise<ActionResult<{ token: string }>> {
  const admin = await requireAction("admin.users");
  const parsed = newTokenSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  return run(async () => ({ token: (await createApiToken(parsed.data.userId, parsed.data.name, actorOf(admin))).token }));
}

export async function revokeTokenAction(input: unknown): Promise<ActionResult> {
  const admin = await requireAction("admin.users");
  const parsed = tokenIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  return run(async () => void (await revokeApiToken(parsed.data.tokenId, actorOf(admin))));
}
