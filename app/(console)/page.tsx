import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Card, PanelError, Skeleton, Stat } from "@/components/dashboard/card";
import { EventsChart } from "@/components/dashboard/events-chart";
import { formatDuration, number } from "@/components/dashboard/format";
import { MyQueue } from "@/components/dashboard/my-queue";
import { OpenMatrix } from "@/components/dashboard/open-matrix";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { dashboardSummary, myQueue, WINDOW_DAYS } from "@/lib/domain/dashboard";

export const metadata: Metadata = { title: "Home" };

const message = (err: unknown) => (err instanceof Error ? err.message.split("\n")[0]! : String(err));

/** The shared figures: counts, chart and mean times (computed at most every 30 s per node). */
async function Summary() {
  let s;
  try {
    s = await dashboardSummary();
  } catch (err) {
    return <PanelError what="the dashboard figures" message={message(err)} />;
  }
  const windowHint = `events created in the last ${WINDOW_DAYS} days`;
  return (
    <>
      <div className="grid grid-cols-2 gap-4 xl:grid-cols-4">
        <Stat label="Open events" value={number(s.openEvents)} href="/events?type=default&status=new,open" />
        <Stat label="New in the last 24 hours" value={number(s.last24h)} href={`/events?type=default&from=${encodeURIComponent(new Date(s.asOf.getTime() - 86_400_000).toISOString())}`} />
        <Stat label="Mean time to acknowledge" value={formatDuration(s.mtta.seconds)} hint={`${number(s.mtta.count)} acknowledged, ${windowHint}`} />
        <Stat label="Mean time to resolve" value={formatDuration(s.mttr.seconds)} hint={`${number(s.mttr.count)} resolved, ${windowHint}`} />
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-5">
        <Card title="Open events by severity and status" className="lg:col-span-2"
          action={<Link href="/cases" className="whitespace-nowrap text-xs link">{s.openCases === 1 ? "1 open case" : `${number(s.openCases)} open cases`}</Link>}>
          <OpenMatrix open={s.open} />
        </Card>
        <Card title={`Events over time (${WINDOW_DAYS} days)`} className="lg:col-span-3">
          {s.days.some((d) => d.total) ? <EventsChart days={s.days} /> : (
            <p className="py-10 text-center text-sm text-slate-500 dark:text-slate-400">No events in the last {WINDOW_DAYS} days.</p>
          )}
        </Card>
      </div>
      <p className="mt-2 text-right text-xs text-slate-500 dark:text-slate-400">
        Figures as of <Time value={s.asOf} seconds />
      </p>
    </>
  );
}

async function Queue({ userId, canPickUp }: { userId: number; canPickUp: boolean }) {
  try {
    const q = await myQueue(userId);
    return <MyQueue items={q.items} total={q.total} canPickUp={canPickUp} />;
  } catch (err) {
    return <PanelError what="your queue" message={message(err)} />;
  }
}

function SummarySkeleton() {
  return (
    <div role="status" aria-label="Loading the dashboard figures">
      <div className="grid grid-cols-2 gap-4 xl:grid-cols-4">
        {[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-24" />)}
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-5">
        <Skeleton className="h-56 lg:col-span-2" />
        <Skeleton className="h-56 lg:col-span-3" />
      </div>
    </div>
  );
}

export default async function HomePage() {
  const user = await requirePage("console.view");
  const readsEvents = can(user.role, "containers.read");
  return (
    <>
      <PageHeader title={`Welcome, ${user.name || user.username}`} description="What needs attention now." />
      {readsEvents ? (
        <>
          <Suspense fallback={<SummarySkeleton />}>
            <Summary />
          </Suspense>
          <Card title="My queue" className="mt-4">
            <Suspense fallback={<Skeleton className="h-32" />}>
              <Queue userId={user.id} canPickUp={can(user.role, "containers.write")} />
            </Suspense>
          </Card>
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Your role does not read events; use the menu for what it can do.</p>
      )}
    </>
  );
}
