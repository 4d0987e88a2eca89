"use server";
// Administration > Users. Each action: check the permission on the server, parse with the
// shared schema, call one domain function, refresh the page.
import { revalidatePath } from "next/cache";
import { actorOf, parseInput, runAction, type ActionResult } from "@/lib/action-result";
import { requireAction } from "@/lib/auth/guard";
import { createApiToken, revokeApiToken } from "@/lib/domain/api-tokens";
import { createUser, resetUserPassword, setUserDisabled, setUserRole } from "@/lib/domain/users";
import { newTokenSchema, newUserSchema, passwordResetSchema, tokenIdSchema, userDisabledSchema, userRoleSchema } from "@/lib/schemas/users";

const refresh = () => revalidatePath("/admin/users");

export async function createUserAction(input: unknown): Promise<ActionResult<{ username: string; password: string | null }>> {
  const admin = await requireAction("admin.users");
  const p = parseInput(newUserSchema, input);
  if (!p.ok) return p;
  return runAction(async () => {
    const { user, password } = await createUser(p.data, actorOf(admin));
    return { username: user.username, password };
  }, refresh);
}

export async function setRoleAction(input: unknown): Promise<ActionResult> {
  const admin = await requireAction("admin.users");
  const p = parseInput(userRoleSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await setUserRole(p.data.userId, p.data.role, actorOf(admin))), refresh);
}

export async function setDisabledAction(input: unknown): Promise<ActionResult> {
  const admin = await requireAction("admin.users");
  const p = parseInput(userDisabledSchema, input);
  if (!p.ok) return p;
  return runAction(async () => void (await setUserDisabled(p.data.userId, p.data.disabled, actorOf(admin))), refresh);
}

export async function createTokenAction(input: unknown): Promise<ActionResult<{ token: string }>> {
  const admin = await requireAction("admin.users");
  const p = parseInput(newTokenSchema, input);
  if (!p.ok) return p;
  return runAction(async () => ({ token: (await createApiToken(p.data.userId, p.data.name, actorOf(admin), { expiresDays: p.data.expiresDays })).token }), refresh);
}

export async function revokeTokenAction(input: unknown): Promise<ActionResult> {
  const admin = await requireAction("admin.users");
  const p = parseInput(tokenIdSchema, input);
  if (!p.ok) return p;
  return runAction(() => revokeApiToken(p.data.tokenId, actorOf(admin)), refresh);
}

/** A typed password is returned as null; a generated one is returned once to be shown once. */
export async function resetPasswordAction(input: unknown): Promise<ActionResult<{ username: string; password: string | null }>> {
  const admin = await requireAction("admin.users");
  const p = parseInput(passwordResetSchema, input);
  if (!p.ok) return p;
  return runAction(() => resetUserPassword(p.data.userId, p.data.password, actorOf(admin)), refresh);
}
