import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { InvestigationView } from "@/components/events/investigation-view";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/domain/errors";
import { investigation } from "@/lib/domain/investigation";
import { idParam } from "@/lib/schemas/common";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage("containers.read");
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const data = await investigation(id.data, { timeline: can(user.role, "audit.read") }).catch((e: unknown) => {
    if (e instanceof DomainError && e.kind === "not_found") notFound();
    throw e;
  });
  // A case always opens as a case (members, closing), whichever link led here.
  if (data.container.containerType === "case") redirect(`/cases/${id.data}`);
  return <InvestigationView data={data} canWrite={can(user.role, "containers.write")} />;
}
