import type { Metadata } from "next";
import { Coming } from "@/components/ui/coming";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Indicators" };

export default async function Page() {
  await requirePage("indicators.read");
  return (
    <Coming
      title="Indicators"
      description="Values seen in artifacts, tracked across containers."
      what={[
        "Indicator list with counts and first and last seen",
        "Every container where an indicator appears",
      ]}
    />
  );
}
