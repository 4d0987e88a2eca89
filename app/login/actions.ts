"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, type RateLimited } from "@/lib/auth/auth";
import { retryPhrase } from "@/lib/auth/sign-in-limits";

export interface SignInState {
  error?: string;
  username?: string;
}

const MESSAGES: Record<string, string> = {
  invalid: "Wrong username or password.",
};

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get("username") ?? "");
  try {
    await signIn("credentials", { username, password: String(form.get("password") ?? ""), redirect: false });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code ?? "invalid";
      if (code === "rate_limited") {
        const wait = (err as Partial<RateLimited>).retryAfterSeconds ?? 60;
        return { error: `Too many failed sign-ins. Try again ${retryPhrase(wait)}.`, username };
      }
      return { error: MESSAGES[code] ?? MESSAGES.invalid, username };
    }
    throw err;
  }
  redirect("/");
}
