"use client";
// History: every saved version with author, time and message; compare one with what is on the
// canvas (blocks marked added, removed, changed) or revert to it (saved as a new version).
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Time } from "@/components/ui/time";
import type { VersionInfo } from "@/lib/domain/playbook-versions";
import type { GraphDiff } from "../model/diff";
import { SmallButton } from "./controls";

export function VersionsPanel({ versions, current, comparing, diff, onCompare, onRevert, canWrite }: {
  versions: VersionInfo[]; current: number | null; comparing: number | null; diff: GraphDiff | null;
  onCompare: (v: number | null) => void; onRevert: (v: number) => void; canWrite: boolean;
}) {
  const counts = diff ? Object.values(diff.blocks).reduce<Record<string, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {}) : {};
  return (
    <section aria-label="Versions" className="space-y-2">
      <h2 className="text-sm font-semibold">Versions</h2>
      {comparing !== null && diff && (
        <div role="status" className="rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
          Version {comparing} → the canvas: {counts.added ?? 0} block(s) added, {counts.removed ?? 0} removed, {counts.changed ?? 0} changed;
          {" "}{diff.edgesAdded} connection(s) added, {diff.edgesRemoved} removed. Removed blocks are listed: {Object.entries(diff.blocks).filter(([, c]) => c === "removed").map(([id]) => id).join(", ") || "none"}.
          <div className="mt-1"><SmallButton onClick={() => onCompare(null)}>Stop comparing</SmallButton></div>
        </div>
      )}
      <ol className="space-y-1">
        {versions.map((v) => (
          <li key={v.version} className="rounded border border-slate-200 p-2 text-xs dark:border-slate-700">
            <div className="flex items-center gap-2">
              <span className="font-semibold">v{v.version}</span>
              {v.version === current && <span className="rounded bg-brand-600 px-1 text-[10px] text-white">open</span>}
              <span className="text-slate-600 dark:text-slate-400">{v.author}</span>
              <span className="ml-auto text-slate-500"><Time value={v.createdAt} /></span>
            </div>
            <p className="mt-0.5 text-slate-700 dark:text-slate-300">{v.message || "—"}</p>
            <div className="mt-1 flex gap-1">
              <SmallButton label={`Compare version ${v.version}`} onClick={() => onCompare(v.version)}>Compare</SmallButton>
              {canWrite && v.version !== current && (
                <ConfirmDialog
                  title={`Revert to version ${v.version}?`} variant="primary" confirmLabel="Revert"
                  description="Its blocks are saved as a new version; the versions in between stay in the history. Unsaved changes on the canvas are dropped."
                  onConfirm={() => onRevert(v.version)}
                  trigger={<button type="button" className="rounded border border-slate-300 px-1.5 py-0.5 text-xs dark:border-slate-600">Revert</button>}
                />
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
