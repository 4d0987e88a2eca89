import type { Metadata } from "next";
import { NEW_CALENDAR, SlaCalendarForm } from "@/components/admin/sla-calendar-form";
import { SlaSettingsForm } from "@/components/admin/sla-settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { formatDayHours, listCalendars } from "@/lib/domain/sla-calendars";
import { atRiskShare } from "@/lib/domain/sla-figures";
import { slaSettings } from "@/lib/domain/sla-settings";

export const metadata: Metadata = { title: "SLA settings" };

export default async function Page() {
  await requirePage("admin.settings");
  const [settings, calendars, share] = await Promise.all([slaSettings(), listCalendars(), atRiskShare()]);
  return (
    <>
      <PageHeader title="SLA settings" description="Response SLA per severity (a new event is due this many minutes after it arrives, counted in the severity's business hours when it names a calendar), the share of it used from which the event is at risk, and the statuses that stop the clock." />
      <SlaSettingsForm {...settings} defaultPercent={Math.round(share * 100)} calendars={calendars.map((c) => ({ id: c.id, name: c.name }))} />
      <section className="mt-8 max-w-2xl space-y-3" aria-label="Business-hours calendars">
        <h2 className="text-lg font-semibold">Business-hours calendars</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">Working hours per day in the calendar&apos;s time zone (&quot;09:00-12:00, 13:00-17:00&quot;; empty for a day off) and holidays. Clocks keep the calendar they started with.</p>
        {calendars.map((c) => (
          <SlaCalendarForm key={c.id} calendar={{ id: c.id, name: c.name, timeZone: c.timeZone, days: c.hours.map(formatDayHours), holidays: c.holidays }} />
        ))}
        <SlaCalendarForm key={`new-${calendars.length}`} calendar={NEW_CALENDAR} />
      </section>
    </>
  );
}
