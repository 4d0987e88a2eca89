"use client";
import { useCallback, useRef, useState, useTransition } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import { setThemeAction, signOutAction } from "@/app/(console)/actions";
import type { Theme } from "@/lib/theme";

export function UserMenu({ name, username, roleLabel, theme }: { name: string; username: string; roleLabel: string; theme: Theme }) {
  const [open, setOpen] = useState(false);
  const [, startTransition] = useTransition();
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(ref, open, useCallback(() => setOpen(false), []));
  const toggleTheme = () => {
    const next: Theme = theme === "dark" ? "light" : "dark";
    // Switch at once; the cookie keeps it for the next server render.
    document.documentElement.classList.toggle("dark", next === "dark");
    startTransition(() => setThemeAction(next));
  };
  const initials = (name || username).split(/\s+/).map((p) => p[0]).join("").slice(0, 2).toUpperCase();
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`User menu for ${username}`}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <span className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">{initials}</span>
        <span className="hidden text-left sm:block">
          <span className="block font-medium leading-tight">{name || username}</span>
          <span className="block text-xs leading-tight text-slate-500 dark:text-slate-400">{roleLabel}</span>
        </span>
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-20 mt-2 w-56 rounded-lg border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <p className="px-3 py-2 text-xs text-slate-500 dark:text-slate-400">
            Signed in as <span className="font-medium text-slate-800 dark:text-slate-200">{username}</span>
          </p>
          <button role="menuitem" type="button" onClick={toggleTheme} className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
            {theme === "dark" ? "Light theme" : "Dark theme"}
          </button>
          <form action={signOutAction}>
            <button role="menuitem" type="submit" className="block w-full px-3 py-2 text-left text-sm text-red-700 hover:bg-slate-100 dark:text-red-400 dark:hover:bg-slate-800">
              Sign out
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
