import type { Metadata } from "next";
import { Coming } from "@/components/ui/coming";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Events" };

export default async function Page() {
  await requirePage("containers.read");
  return (
    <Coming
      title="Events"
      description="Containers fed into Vigil, newest first."
      what={[
        "A queue with filters, saved views and bulk actions",
        "Investigation pages with artifacts, indicators, notes and attachments",
      ]}
    />
  );
}
