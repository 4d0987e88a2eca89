import type { Metadata } from "next";
import { Coming } from "@/components/ui/coming";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Approvals" };

export default async function Page() {
  await requirePage("approvals.read");
  return (
    <Coming
      title="Approvals"
      description="Actions waiting for an asset owner's approval."
      what={[
        "Approve or deny actions on your assets",
        "SLAs with escalation to secondary owners",
      ]}
    />
  );
}
