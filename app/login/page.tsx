import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Logo } from "@/components/ui/logo";
import { currentUser } from "@/lib/auth/guard";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await currentUser()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-6 flex items-center gap-2">
          <Logo className="h-9 w-9" />
          <div>
            <h1 className="text-xl font-semibold">Sign in to Vigil</h1>
            <p className="text-sm text-slate-500 dark:text-slate-400">Security orchestration, automation and response</p>
          </div>
        </div>
        <LoginForm />
      </div>
    </main>
  );
}
