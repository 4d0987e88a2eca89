import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { homeCounts } from "@/lib/domain/home";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const user = await requirePage("console.view");
  const counts = await homeCounts(user.id);
  const cards = [
    { label: "Open events", value: counts.openEvents, href: "/events" },
    { label: "Open cases", value: counts.openCases, href: "/cases" },
    { label: "Assigned to me", value: counts.mine, href: "/events" },
    { label: "New in the last 24 hours", value: counts.last24h, href: "/events" },
  ];
  return (
    <>
      <PageHeader title={`Welcome, ${user.name || user.username}`} description="What needs attention now." />
      <div className="grid grid-cols-2 gap-4 xl:grid-cols-4">
        {cards.map((c) => (
          <Link key={c.label} href={c.href} className="rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900">
            <p className="text-sm text-slate-600 dark:text-slate-400">{c.label}</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums">{c.value.toLocaleString("en")}</p>
          </Link>
        ))}
      </div>
      <p className="mt-6 text-sm text-slate-500 dark:text-slate-400">
        The full dashboard (events by severity, events over time, time to acknowledge and resolve) is coming with the analyst console.
      </p>
    </>
  );
}
