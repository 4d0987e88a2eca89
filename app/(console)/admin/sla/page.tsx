import type { Metadata } from "next";
import { SlaSettingsForm } from "@/components/admin/sla-settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { slaSettings } from "@/lib/domain/sla-settings";

export const metadata: Metadata = { title: "SLA settings" };

export default async function Page() {
  await requirePage("admin.settings");
  const settings = await slaSettings();
  return (
    <>
      <PageHeader title="SLA settings" description="Response SLA per severity (a new event is due this many minutes after it arrives) and the statuses that stop the clock." />
      <SlaSettingsForm {...settings} />
    </>
  );
}
