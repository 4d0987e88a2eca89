"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";

export interface SignInState {
  error?: string;
  username?: string;
}

const MESSAGES: Record<string, string> = {
  invalid: "Wrong username or password.",
  rate_limited: "Too many failed sign-ins. Wait 15 minutes and try again, or ask an administrator.",
};

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get("username") ?? "");
  try {
    await signIn("credentials", { username, password: String(form.get("password") ?? ""), redirect: false });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code ?? "invalid";
      return { error: MESSAGES[code] ?? MESSAGES.invalid, username };
    }
    throw err;
  }
  redirect("/");
}
