import type { ReactNode } from "react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SeverityBadge, StatusBadge } from "@/components/events/badges";
import { Time } from "@/components/ui/time";
import { number } from "@/components/dashboard/format";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { DomainError } from "@/lib/domain/errors";
import { indicatorDetail } from "@/lib/domain/indicator-browse";
import { indicatorPageSchema } from "@/lib/schemas/console-search";

export const metadata: Metadata = { title: "Indicator" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IndicatorPage({ params, searchParams }: Props) {
  await requirePage("indicators.read");
  const parsed = indicatorPageSchema.safeParse({ ...(await searchParams), ...(await params) });
  if (!parsed.success) notFound();
  const { id, page } = parsed.data;
  const detail = await indicatorDetail(id, page).catch((e: unknown) => {
    if (e instanceof DomainError && e.kind === "not_found") notFound();
    throw e;
  });
  const { indicator: i, sightings, total, pageSize } = detail;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const facts: [string, ReactNode][] = [
    ["Types", i.types.join(", ") || "–"],
    ["Seen in artifacts", number(i.count)],
    ["Events", number(i.containerCount)],
    ["First seen", <Time key="first" value={i.firstSeen} />],
    ["Last seen", <Time key="last" value={i.lastSeen} />],
    // SOAR's indicator tags, set by playbooks (indicator_tag) and REST (POST /rest/indicator/<id>).
    ["Tags", i.tags.length ? <span key="tags" className="flex flex-wrap gap-1" data-testid="indicator-tags">{i.tags.map((t) => <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal dark:bg-slate-800">{t}</span>)}</span> : "–"],
  ];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href="/indicators" className="link">Indicators</Link></nav>
      <PageHeader title="Indicator" />
      <p className="-mt-4 mb-4 break-all font-mono text-lg" data-testid="indicator-value">{i.value}</p>
      <dl className="mb-6 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800 dark:bg-slate-900">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="mt-0.5 font-medium tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mb-2 text-base font-semibold">Where it appears</h2>
      {sightings.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm">
            <thead className="border-b border-slate-200 text-left text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Event</th>
                <th scope="col" className="px-3 py-2 font-medium">Severity</th>
                <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">Status</th>
                <th scope="col" className="px-3 py-2 font-medium">Artifact</th>
                <th scope="col" className="px-3 py-2 font-medium">CEF field</th>
                <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">Seen</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {sightings.map((s) => (
                <tr key={`${s.artifactId}-${s.field}`}>
                  <td className="max-w-[26rem] px-3 py-2">
                    <Link href={`/events/${s.containerId}`} className="block truncate link" title={s.containerName}>
                      <span className="tabular-nums">#{s.containerId}</span> {s.containerName}
                    </Link>
                  </td>
                  <td className="px-3 py-2"><SeverityBadge value={s.severity} /></td>
                  <td className="hidden px-3 py-2 md:table-cell"><StatusBadge value={s.status} /></td>
                  <td className="px-3 py-2">{s.artifactName || `artifact ${s.artifactId}`} <span className="text-xs text-slate-500 dark:text-slate-400">#{s.artifactId}</span></td>
                  <td className="px-3 py-2 font-mono text-xs">{s.field}</td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-slate-600 lg:table-cell dark:text-slate-400"><Time value={s.seenAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {page > 0 ? "No more sightings on this page." : "The artifacts where this value was seen have been deleted."}
        </p>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
          {page > 0 && <Link href={`/indicators/${id}?page=${page - 1}`} className="link">Previous</Link>}
          <span className="text-slate-500 dark:text-slate-400">Page {page + 1} of {number(pages)} ({number(total)} sightings)</span>
          {page + 1 < pages && <Link href={`/indicators/${id}?page=${page + 1}`} className="link">Next</Link>}
        </nav>
      )}
    </>
  );
}
