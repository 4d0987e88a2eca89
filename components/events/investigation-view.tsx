// The investigation page of a container (an event or a case): header, artifacts, indicators,
// notes, comments, attachments, activity and related containers. The case page adds its own
// sections through `children`.
import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import type { Investigation } from "@/lib/domain/investigation";
import { vaultMaxBytes } from "@/lib/domain/vault";
import { neutralizeBidi } from "@/lib/words";
import { IndicatorsList, RelatedList, Timeline } from "./activity";
import { ArtifactsTable } from "./artifacts-table";
import { AttachmentsPanel } from "./attachments-panel";
import { Time } from "@/components/ui/time";
import { TlpBadge } from "./badges";
import { CaseControls } from "./case-controls";
import { ContainerHeader } from "./container-header";
import { CommentsPanel, NotesPanel } from "./notes-panel";
import { PinsHud } from "./pins-hud";
import { WorkbookPanel } from "./workbook-panel";
import { ActionRunsPanel } from "@/components/actions/action-runs-panel";
import { RunActionProvider } from "@/components/actions/run-context";
import { PlaybookRunsPanel } from "@/components/playbook-runs/playbook-runs-panel";

export function InvestigationView({ data, canWrite, children, actions }: { data: Investigation; canWrite: boolean; children?: ReactNode; actions?: ReactNode }) {
  const c = data.container;
  const isCase = c.containerType === "case";
  const description = (
    <>
      {isCase ? "Case" : "Event"} #{c.id} · label {c.label} · created <Time value={c.createdAt} />
      {c.sourceDataIdentifier ? ` · SDI ${c.sourceDataIdentifier}` : ""}
    </>
  );
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        <Link href={isCase ? "/cases" : "/events"} className="link">{isCase ? "Cases" : "Events"}</Link>
        {data.parent && <> / <Link href={`/cases/${data.parent.id}`} className="link">in case #{data.parent.id} <bdi>{neutralizeBidi(data.parent.name)}</bdi></Link></>}
      </nav>
      <PageHeader
        title={neutralizeBidi(c.name)}
        description={description}
        actions={<div className="flex flex-wrap items-center gap-2"><TlpBadge value={c.sensitivity} />{actions}
          {/* A plain link: the browser downloads the tar (container, artifacts, notes, vault files). */}
          <a href={`/api/containers/${c.id}/export`} download className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">Export</a>{/* An event already in a case is worked there: it shows its case (breadcrumb) instead. */}
          {canWrite && !isCase && !data.parent && <CaseControls id={c.id} cases={data.cases} />}</div>}
      />
      <PinsHud containerId={c.id} pins={data.pins} canWrite={canWrite} />
      <ContainerHeader
        id={c.id}
        server={{ status: c.status, severity: c.severity, sensitivity: c.sensitivity, ownerId: c.ownerId, dueTime: c.dueTime ? c.dueTime.toISOString() : null }}
        choices={data.choices}
        canWrite={canWrite}
      />
      {c.description && <p className="mb-4 whitespace-pre-wrap text-sm text-slate-700 dark:text-slate-300">{c.description}</p>}
      {c.tags.length > 0 && <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Tags: {c.tags.map((t) => `#${t}`).join(" ")}</p>}
      {children}
      <RunActionProvider containerId={c.id}>
      <div className="grid gap-4 xl:grid-cols-3">
        <div className="min-w-0 space-y-4 xl:col-span-2">
          <ArtifactsTable data={data} canWrite={canWrite} />
          <WorkbookPanel containerId={c.id} phases={data.workbook} templates={data.templates} users={data.choices.users} canWrite={canWrite} />
          <PlaybookRunsPanel containerId={c.id} />
          <ActionRunsPanel containerId={c.id} />
          <NotesPanel containerId={c.id} notes={data.notes} caseId={data.caseId} evidence={data.evidence} canWrite={canWrite} />
          <CommentsPanel containerId={c.id} comments={data.comments} canWrite={canWrite} />
        </div>
        <div className="min-w-0 space-y-4">
          <AttachmentsPanel containerId={c.id} attachments={data.attachments} caseId={data.caseId} evidence={data.evidence} canWrite={canWrite} maxBytes={vaultMaxBytes()} />
          <IndicatorsList indicators={data.indicators} />
          <RelatedList related={data.related} />
          {data.timeline && <Timeline entries={data.timeline} />}
        </div>
      </div>
      </RunActionProvider>
    </>
  );
}
