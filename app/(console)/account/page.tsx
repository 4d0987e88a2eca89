import type { Metadata } from "next";
import { EmailNotificationsForm } from "@/components/account/email-notifications-form";
import { PasswordForm } from "@/components/account/password-form";
import { TimeZoneForm } from "@/components/account/time-zone-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { emailPreferences } from "@/lib/domain/notification-email";
import { timeZones } from "@/lib/time";

export const metadata: Metadata = { title: "Account" };

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function AccountPage() {
  const user = await requirePage("console.view");
  const email = await emailPreferences(user.id);
  return (
    <>
      <PageHeader title="Account settings" description={`${user.username} · ${ROLE_LABELS[user.role]}`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="time-zone-heading" className={card}>
          <h2 id="time-zone-heading" className="mb-1 font-semibold">Time zone</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Every time in the console shows in this zone, labelled with it.</p>
          <TimeZoneForm current={user.timeZone} zones={timeZones()} now={new Date().toISOString()} />
        </section>
        <section aria-labelledby="password-heading" className={card}>
          <h2 id="password-heading" className="mb-3 font-semibold">Password</h2>
          <PasswordForm username={user.username} />
        </section>
        <section aria-labelledby="email-heading" className={card}>
          <h2 id="email-heading" className="mb-1 font-semibold">Email notifications</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            {email.enabled ? "Which notifications also reach you by email. The bell shows them all." : "An administrator has not set up email yet; what you choose here applies once they do."}
          </p>
          <EmailNotificationsForm {...email} />
        </section>
      </div>
    </>
  );
}
