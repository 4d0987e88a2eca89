"use client";
// The console's popup menus: Radix DropdownMenu (the ARIA menu pattern: Enter, Space or
// ArrowDown opens it and focuses the first item, arrows move, Escape closes and focus returns
// to the button) with Vigil's look.
import { DropdownMenu } from "radix-ui";
import type { ComponentProps } from "react";

export const menuItemClass =
  "block w-full cursor-default px-3 py-2 text-left text-sm outline-none data-[highlighted]:bg-slate-100 data-[disabled]:cursor-not-allowed data-[disabled]:text-slate-400 dark:data-[highlighted]:bg-slate-800";

export function MenuContent({ className = "", ...props }: ComponentProps<typeof DropdownMenu.Content>) {
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content
        sideOffset={6}
        {...props}
        className={`z-30 w-56 rounded-lg border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900 ${className}`}
      />
    </DropdownMenu.Portal>
  );
}
