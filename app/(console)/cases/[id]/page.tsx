import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AddContainers, CloseCase } from "@/components/cases/case-panels";
import { SeverityBadge, StatusBadge } from "@/components/events/badges";
import { Time } from "@/components/ui/time";
import { InvestigationView } from "@/components/events/investigation-view";
import { Empty, Section } from "@/components/events/section";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { caseOverview } from "@/lib/domain/investigation";
import { DomainError } from "@/lib/domain/errors";
import { idParam } from "@/lib/schemas/common";
import { plural } from "@/lib/words";

export const metadata: Metadata = { title: "Case" };

/** A marked artifact as its rows read on the event: name, then each CEF field and value. */
function EvidenceArtifact({ name, cef }: { name: string; cef: Record<string, unknown> }) {
  const fields = Object.entries(cef).filter(([, v]) => v !== null && v !== "");
  return (
    <>
      <span className="font-medium">{name || "artifact"}</span>
      <dl className="ml-1 mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 border-l-2 border-emerald-200 pl-2 text-xs dark:border-emerald-800">
        {fields.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="font-mono [overflow-wrap:anywhere]">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage("containers.read");
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const data = await caseOverview(id.data, { timeline: can(user.role, "audit.read") }).catch((e: unknown) => {
    if (e instanceof DomainError && e.kind === "not_found") notFound();
    throw e;
  });
  // An event that is not (yet) a case has its investigation page instead.
  if (data.container.containerType !== "case") redirect(`/events/${id.data}`);
  const canWrite = can(user.role, "containers.write");
  const closed = data.container.status === "closed";
  return (
    <InvestigationView data={data} canWrite={canWrite} actions={canWrite ? <CloseCase caseId={id.data} closed={closed} /> : undefined}>
      {closed && data.resolution && (
        <p role="note" aria-label="Resolution" className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-800/60">
          <span className="font-medium">Resolution:</span> {data.resolution}
          {data.closedByName && <span className="text-slate-600 dark:text-slate-400"> · closed by {data.closedByName}</span>}
          {data.container.closeTime && <span className="text-slate-600 dark:text-slate-400"> · <Time value={data.container.closeTime} /></span>}
        </p>
      )}
      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        <Section title="Events in this case" count={data.members.length} actions={canWrite ? <AddContainers caseId={id.data} /> : undefined}>
          {data.members.length === 0 ? <Empty>No events added yet. Add them here or from the events queue.</Empty> : (
            <ul className="space-y-1.5 text-sm" aria-label="Events in this case">
              {data.members.map((m) => (
                <li key={m.id} data-member-id={m.id} className="flex flex-wrap items-center gap-1.5">
                  <Link href={`/events/${m.id}`} className="font-medium link">#{m.id} {m.name}</Link>
                  <SeverityBadge value={m.severity} /> <StatusBadge value={m.status} />
                  <span className="text-xs text-slate-500 dark:text-slate-400">{m.ownerName ?? "unassigned"} · {plural(m.artifactCount, "artifact")} · <Time value={m.createdAt} /></span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Evidence" count={data.caseEvidence.length}>
          {data.caseEvidence.length === 0 ? <Empty>Nothing marked as evidence yet: tick “Evidence” on an artifact, note or file of this case or its events.</Empty> : (
            <ul className="space-y-1.5 text-sm" aria-label="Evidence">
              {data.caseEvidence.map((e) => (
                <li key={e.id} data-evidence-type={e.objectType}>
                  <span className="mr-1.5 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200">{e.objectType}</span>
                  {e.artifact ? <EvidenceArtifact name={e.artifact.name} cef={e.artifact.cef} /> : <span className="[overflow-wrap:anywhere]">{e.summary}</span>}{" "}
                  <Link href={e.containerId === id.data ? `/cases/${e.containerId}` : `/events/${e.containerId}`} className="text-xs link">in #{e.containerId} {e.containerName}</Link>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </InvestigationView>
  );
}
