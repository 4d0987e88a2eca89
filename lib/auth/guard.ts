// What pages, server actions and route handlers call to learn who is asking and whether the
// permission matrix lets them. Always on the server.
import { forbidden, redirect, unauthorized } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth";
import { can, type Permission } from "./permissions";
import { loadSession, type SessionUser } from "./sessions";

/** The signed-in user for this request, or null. Cached per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { sid?: string } | null;
  if (!session?.sid) return null;
  return loadSession(session.sid);
});

/** For pages: sends visitors to sign in, and answers 403 when the role lacks the permission. */
export async function requirePage(permission: Permission): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!can(user.role, permission)) forbidden();
  return user;
}

/** For server actions: the same check, answering 401/403 instead of running the action. */
export async function requireAction(permission: Permission): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) unauthorized();
  if (!can(user.role, permission)) forbidden();
  return user;
}
