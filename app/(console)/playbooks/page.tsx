import type { Metadata } from "next";
import { Coming } from "@/components/ui/coming";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Playbooks" };

export default async function Page() {
  await requirePage("playbooks.read");
  return (
    <Coming
      title="Playbooks"
      description="Automation that runs on events and cases."
      what={[
        "A visual playbook editor",
        "Splunk SOAR playbook import",
        "A debugger for playbook runs",
      ]}
    />
  );
}
