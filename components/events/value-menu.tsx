"use client";
// What can be done with one CEF value: copy it, search for it, open its indicator, and (once
// apps exist) run an action on it by its contains type.
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useState } from "react";
import { MenuContent, menuItemClass } from "@/components/ui/menu";

export function ValueMenu({ value, indicatorId, contains }: { value: string; indicatorId?: number; contains: string[] }) {
  const [copied, setCopied] = useState(false);
  const item = `${menuItemClass} !py-1.5`;
  return (
    <DropdownMenu.Root onOpenChange={(open) => open || setCopied(false)}>
      <DropdownMenu.Trigger className="max-w-full rounded [overflow-wrap:anywhere] px-1 text-left font-mono text-xs hover:bg-slate-100 dark:hover:bg-slate-800">
        {value}
      </DropdownMenu.Trigger>
      {/* Named for what it acts on, not only by its button (Radix labels a menu by its trigger). */}
      <MenuContent align="start" aria-label={`Actions for ${value}`} aria-labelledby={undefined}>
        <DropdownMenu.Item className={item} onSelect={(e) => {
          // Stay open so "Copied" can be read.
          e.preventDefault();
          void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
        }}>{copied ? "Copied" : "Copy"}</DropdownMenu.Item>
        <DropdownMenu.Item asChild className={item}>
          <Link href={`/search?q=${encodeURIComponent(value)}`}>Search for this value</Link>
        </DropdownMenu.Item>
        {indicatorId
          ? <DropdownMenu.Item asChild className={item}><Link href={`/indicators/${indicatorId}`}>Show its indicator</Link></DropdownMenu.Item>
          : <DropdownMenu.Item disabled className={item}>Not an indicator</DropdownMenu.Item>}
        <DropdownMenu.Item disabled title="Comes with apps" className={item}>
          Run action{contains.length ? ` (${contains.join(", ")})` : ""}…
        </DropdownMenu.Item>
      </MenuContent>
    </DropdownMenu.Root>
  );
}
