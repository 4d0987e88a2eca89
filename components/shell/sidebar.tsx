"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Logo } from "@/components/ui/logo";
import type { NavItem } from "./nav-items";

function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  const section = href.split("/").slice(0, 2).join("/");
  return pathname === section || pathname.startsWith(section + "/");
}

/** Full labels from 1024 px up; an icon rail on tablets. */
export function Sidebar({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex w-14 shrink-0 flex-col border-r border-slate-200 bg-white lg:w-56 dark:border-slate-800 dark:bg-slate-900">
      <Link href="/" className="flex h-14 items-center gap-2 px-3.5 font-semibold lg:px-4">
        <Logo />
        <span className="hidden text-lg lg:inline">Vigil</span>
      </Link>
      <ul className="flex-1 space-y-0.5 px-2 py-2">
        {items.map((item) => {
          const active = isActive(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                title={item.coming ? `${item.label} (coming: not built yet)` : item.label}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-3 rounded-md px-2 py-2 text-sm ${
                  active
                    ? "bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/25 dark:text-brand-100"
                    : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                <svg viewBox="0 0 24 24" className="h-5 w-5 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                  <path d={item.icon} />
                </svg>
                <span className="hidden whitespace-nowrap lg:inline">{item.label}</span>
                <span className="sr-only lg:hidden">{item.label}</span>
                {item.coming && <span aria-hidden="true" className="ml-auto hidden rounded bg-amber-100 px-1.5 text-[11px] font-medium text-amber-800 lg:inline dark:bg-amber-900/50 dark:text-amber-200">coming</span>}
                {item.coming && <span className="sr-only">(coming)</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
