"use client";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useTransition } from "react";
import { MenuContent, menuItemClass } from "@/components/ui/menu";
import { setThemeAction, signOutAction } from "@/app/(console)/actions";
import type { Theme } from "@/lib/theme";
import { neutralizeBidi } from "@/lib/words";
import { SHOW_SHORTCUTS } from "./keyboard-help";

export function UserMenu({ name, username, roleLabel, theme }: { name: string; username: string; roleLabel: string; theme: Theme }) {
  const [, startTransition] = useTransition();
  const toggleTheme = () => {
    const next: Theme = theme === "dark" ? "light" : "dark";
    // Switch at once; the cookie keeps it for the next server render.
    document.documentElement.classList.toggle("dark", next === "dark");
    startTransition(() => setThemeAction(next));
  };
  const initials = (name || username).split(/\s+/).map((p) => p[0]).join("").slice(0, 2).toUpperCase();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={`User menu for ${username}`}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <span className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">{initials}</span>
        <span className="hidden text-left sm:block">
          <bdi className="block font-medium leading-tight">{neutralizeBidi(name || username)}</bdi>
          <span className="block text-xs leading-tight text-slate-500 dark:text-slate-400">{roleLabel}</span>
        </span>
      </DropdownMenu.Trigger>
      <MenuContent align="end">
        <DropdownMenu.Label className="px-3 py-2 text-xs text-slate-500 dark:text-slate-400">
          Signed in as <span className="font-medium text-slate-800 dark:text-slate-200">{username}</span>
        </DropdownMenu.Label>
        <DropdownMenu.Item asChild className={menuItemClass}>
          <Link href="/account">Account settings</Link>
        </DropdownMenu.Item>
        <DropdownMenu.Item className={menuItemClass} onSelect={toggleTheme}>
          {theme === "dark" ? "Light theme" : "Dark theme"}
        </DropdownMenu.Item>
        <DropdownMenu.Item asChild className={menuItemClass}>
          <Link href="/api-docs">REST API reference</Link>
        </DropdownMenu.Item>
        <DropdownMenu.Item className={menuItemClass} onSelect={() => window.dispatchEvent(new Event(SHOW_SHORTCUTS))}>
          Keyboard shortcuts <kbd className="ml-auto pl-3 text-xs text-slate-500">?</kbd>
        </DropdownMenu.Item>
        <DropdownMenu.Item className={`${menuItemClass} text-red-700 dark:text-red-400`} onSelect={() => startTransition(() => signOutAction())}>
          Sign out
        </DropdownMenu.Item>
      </MenuContent>
    </DropdownMenu.Root>
  );
}
