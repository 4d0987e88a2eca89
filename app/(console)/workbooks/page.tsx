import type { Metadata } from "next";
import { Coming } from "@/components/ui/coming";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Workbooks" };

export default async function Page() {
  await requirePage("workbooks.read");
  return (
    <Coming
      title="Workbooks"
      description="Phases and tasks analysts follow on a case."
      what={[
        "Workbook templates",
        "Task progress per case",
      ]}
    />
  );
}
