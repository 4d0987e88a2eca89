// The approvals inbox's filters as a plain GET form (works before any script loads): status, how
// long the request has waited, past its SLA, and everyone's approvals for those who read the SLA
// dashboard, whose figures link here with the same parameters (components/sla/links.ts).
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { APPROVAL_AGE_NAMES, APPROVAL_AGES, type ApprovalInboxQuery } from "@/lib/schemas/approvals";

const STATUS_NAMES = { pending: "pending", approved: "approved", denied: "denied" } as const;

/** The filters in words, for the line above the list: "waiting · 1–4 h · everyone's". */
export function describeFilter(f: ApprovalInboxQuery, everyone: boolean): string {
  return [f.status && STATUS_NAMES[f.status], f.age && `waiting ${APPROVAL_AGE_NAMES[f.age]}`, f.sla && "past their SLA", everyone && "everyone's"]
    .filter(Boolean).join(" · ");
}

export function InboxFilters({ filter, canSeeAll }: { filter: ApprovalInboxQuery; canSeeAll: boolean }) {
  const cls = "w-auto";
  return (
    <form method="get" action="/approvals" aria-label="Filter approvals" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
      <label className="space-y-1">
        <span className="block font-medium text-slate-700 dark:text-slate-300">Status</span>
        <Select name="status" defaultValue={filter.status ?? ""} className={cls}>
          <option value="">any</option>
          {Object.entries(STATUS_NAMES).map(([v, name]) => <option key={v} value={v}>{name}</option>)}
        </Select>
      </label>
      <label className="space-y-1">
        <span className="block font-medium text-slate-700 dark:text-slate-300">Waiting for</span>
        <Select name="age" defaultValue={filter.age ?? ""} className={cls}>
          <option value="">any time</option>
          {APPROVAL_AGES.map((a) => <option key={a} value={a}>{APPROVAL_AGE_NAMES[a]}</option>)}
        </Select>
      </label>
      <label className="space-y-1">
        <span className="block font-medium text-slate-700 dark:text-slate-300">SLA</span>
        <Select name="sla" defaultValue={filter.sla ?? ""} className={cls}>
          <option value="">any</option>
          <option value="breached">past its SLA</option>
        </Select>
      </label>
      {canSeeAll && (
        <label className="flex items-center gap-1.5 py-1.5">
          <input type="checkbox" name="scope" value="all" defaultChecked={filter.scope === "all"} /> everyone&apos;s, not only mine
        </label>
      )}
      <Button type="submit" variant="secondary">Filter</Button>
      <Link href="/approvals" className="link py-1.5">Clear</Link>
    </form>
  );
}
