import type { Metadata } from "next";
import { ApprovalsInbox } from "@/components/approvals/inbox";
import { PageHeader } from "@/components/ui/page-header";
import { actorOf } from "@/lib/action-result";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { approvalInbox } from "@/lib/domain/approvals";
import { promptInbox } from "@/lib/domain/prompt-inbox";

export const metadata: Metadata = { title: "Approvals" };

export default async function Page() {
  const user = await requirePage("approvals.read");
  const actor = actorOf(user);
  const [approvals, prompts] = await Promise.all([approvalInbox(actor), promptInbox(actor)]);
  const json = <T,>(v: T) => JSON.parse(JSON.stringify(v));
  return (
    <>
      <PageHeader title="Approvals" description="Actions waiting for an asset owner, and prompts from playbooks waiting for you." />
      <ApprovalsInbox approvals={json(approvals)} prompts={json(prompts)} canRespond={can(user.role, "approvals.respond")} />
    </>
  );
}
