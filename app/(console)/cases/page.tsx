import type { Metadata } from "next";
import { Coming } from "@/components/ui/coming";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Cases" };

export default async function Page() {
  await requirePage("containers.read");
  return (
    <Coming
      title="Cases"
      description="Containers promoted to cases, with their related events."
      what={[
        "Promote an event to a case and add events to it",
        "Evidence marked across the case's events",
      ]}
    />
  );
}
