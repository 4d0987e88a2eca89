// The activity timeline (audit rows, notes, comments, files) and the containers that share
// indicators with this one.
import Link from "next/link";
import type { Investigation } from "@/lib/domain/investigation";
import { Time } from "@/components/ui/time";
import { SeverityBadge, StatusBadge } from "./badges";
import { Empty, Section } from "./section";

export function Timeline({ entries }: { entries: NonNullable<Investigation["timeline"]> }) {
  return (
    <Section title="Activity" count={entries.length}>
      {entries.length === 0 ? <Empty>Nothing has happened yet.</Empty> : (
        <ol className="space-y-2 border-l border-slate-200 pl-4 text-sm dark:border-slate-700">
          {entries.map((e) => (
            <li key={e.id} className="relative">
              <span aria-hidden="true" className="absolute -left-[21px] top-1.5 h-2 w-2 rounded-full bg-brand-500" />
              <p><span className="font-medium">{e.actor}</span> <span className="text-slate-600 dark:text-slate-400">{e.action}</span> <Time className="text-xs text-slate-500 dark:text-slate-400" value={e.at} /></p>
              {e.text && <p className="break-words text-slate-700 dark:text-slate-300">{e.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function IndicatorsList({ indicators }: { indicators: Investigation["indicators"] }) {
  return (
    <Section title="Indicators" count={indicators.length}>
      {indicators.length === 0 ? <Empty>No indicators found in the artifacts.</Empty> : (
        <ul className="space-y-1 text-sm">
          {indicators.map((i) => (
            <li key={i.id} className="flex flex-wrap items-baseline justify-between gap-x-2">
              <Link href={`/indicators/${i.id}`} className="break-all font-mono text-xs link">{i.value}</Link>
              <span className="text-xs text-slate-500 dark:text-slate-400">{i.types.join(", ")} · seen {i.count}×</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function RelatedList({ related }: { related: Investigation["related"] }) {
  return (
    <Section title="Related" count={related.length}>
      {related.length === 0 ? <Empty>No other event shares an indicator with this one.</Empty> : (
        <ul className="space-y-1.5 text-sm">
          {related.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-1.5">
              <Link href={r.containerType === "case" ? `/cases/${r.id}` : `/events/${r.id}`} className="font-medium link">#{r.id} {r.name}</Link>
              <SeverityBadge value={r.severity} /> <StatusBadge value={r.status} />
              <span className="text-xs text-slate-500 dark:text-slate-400">{r.shared} shared</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
