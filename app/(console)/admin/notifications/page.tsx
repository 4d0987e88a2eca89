import type { Metadata } from "next";
import { NotificationSettingsForm } from "@/components/admin/notification-settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { notificationSettings } from "@/lib/domain/notification-email";

export const metadata: Metadata = { title: "Notification settings" };

export default async function Page() {
  await requirePage("admin.settings");
  const settings = await notificationSettings();
  return (
    <>
      <PageHeader title="Notification settings" description="Email notifications go out through an asset of the SMTP app; each user chooses on their account page which kinds reach them by email." />
      <NotificationSettingsForm {...settings} />
    </>
  );
}
