import type { Metadata } from "next";
import { ApprovalsInbox } from "@/components/approvals/inbox";
import { describeFilter, InboxFilters } from "@/components/approvals/inbox-filters";
import { PageHeader } from "@/components/ui/page-header";
import { actorOf } from "@/lib/action-result";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { approvalInbox } from "@/lib/domain/approval-inbox";
import { promptInbox } from "@/lib/domain/prompt-inbox";
import { approvalInboxQuerySchema } from "@/lib/schemas/approvals";

export const metadata: Metadata = { title: "Approvals" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("approvals.read");
  const actor = actorOf(user);
  const filter = approvalInboxQuerySchema.parse(await searchParams);
  // Everyone's approvals for those who see them counted on the SLA dashboard; others see theirs.
  const canSeeAll = can(user.role, "sla.read");
  const all = canSeeAll && filter.scope === "all";
  const filtered = Boolean(filter.status || filter.age || filter.sla || all);
  const [approvals, prompts] = await Promise.all([approvalInbox(actor, { ...filter, all }), filtered ? [] : promptInbox(actor)]);
  const json = <T,>(v: T) => JSON.parse(JSON.stringify(v));
  return (
    <>
      <PageHeader title="Approvals" description="Actions waiting for an asset owner, and prompts from playbooks waiting for you." />
      <InboxFilters filter={filter} canSeeAll={canSeeAll} />
      <ApprovalsInbox approvals={json(approvals)} prompts={json(prompts)} canRespond={can(user.role, "approvals.respond")}
        filtered={filtered ? describeFilter(filter, all) : null} />
    </>
  );
}
