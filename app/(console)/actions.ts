"use server";
import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/guard";
import { endSession } from "@/lib/auth/sessions";
import { markRead } from "@/lib/domain/notifications";
import { THEME_COOKIE, parseTheme } from "@/lib/theme";

export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) await endSession(user.sessionId);
  await signOut({ redirectTo: "/login" });
}

export async function setThemeAction(theme: string): Promise<void> {
  (await cookies()).set(THEME_COOKIE, parseTheme(theme), { path: "/", sameSite: "lax", maxAge: 365 * 86400 });
}

/** Marks one of the signed-in user's notifications read, or all of them without an id. */
export async function markNotificationsReadAction(id?: string): Promise<void> {
  const user = await currentUser();
  if (!user) return;
  await markRead(user.id, id && /^\d{1,19}$/.test(id) ? BigInt(id) : undefined).catch(() => {});
}
