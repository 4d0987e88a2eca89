"use server";
import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/guard";
import { endSession } from "@/lib/auth/sessions";
import { THEME_COOKIE, parseTheme } from "@/lib/theme";

export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) await endSession(user.sessionId);
  await signOut({ redirectTo: "/login" });
}

export async function setThemeAction(theme: string): Promise<void> {
  (await cookies()).set(THEME_COOKIE, parseTheme(theme), { path: "/", sameSite: "lax", maxAge: 365 * 86400 });
}
