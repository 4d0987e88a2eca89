"use client";
// The frame every block draws: header with its kind and name, a summary line, input and output
// handles, and the marks (problems in red, debugger status as the border colour, diff badge).
import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import type { NodeData } from "@/lib/schemas/playbooks";
import { KIND, summary } from "../model/blocks";
import { useMarks } from "./marks";

const STATUS_RING: Record<string, string> = {
  success: "ring-2 ring-emerald-500 bg-emerald-50 dark:bg-emerald-950",
  failed: "ring-2 ring-red-500 bg-red-50 dark:bg-red-950",
  waiting: "ring-2 ring-amber-400 bg-amber-50 dark:bg-amber-950",
  queued: "ring-2 ring-sky-400",
  running: "ring-2 ring-sky-500",
};
const DIFF_BADGE: Record<string, string> = { added: "bg-emerald-600", removed: "bg-red-600", changed: "bg-amber-500" };

export function BlockShell({ id, block, selected, inputs = true, outputs = true, children }: {
  id: string; block: NodeData; selected?: boolean; inputs?: boolean; outputs?: boolean; children?: ReactNode;
}) {
  const { problems, status, diff } = useMarks(id);
  // An imported SOAR block of a type Vigil has no node for still draws, under its own name.
  const kind = KIND[block.type] ?? { label: String(block.type), accent: "bg-slate-400" };
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <div
      data-testid={`block-${block.name ?? id}`}
      data-status={status ?? ""}
      aria-label={`${kind.label} block ${block.name ?? id}`}
      className={`w-[220px] overflow-hidden rounded-md border text-left text-xs shadow-sm ${status && STATUS_RING[status]?.includes(" bg-") ? "" : "bg-white dark:bg-slate-900"} ${selected ? "border-brand-500" : "border-slate-300 dark:border-slate-600"} ${status ? STATUS_RING[status] ?? "" : ""}`}
    >
      <div className={`h-1 ${kind.accent}`} />
      {inputs && <Handle type="target" position={Position.Left} className="!h-3 !w-3 !bg-slate-400" />}
      <div className="flex items-center gap-1 px-2 pt-1.5">
        <span className="text-[10px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{kind.label}</span>
        {diff && <span className={`rounded px-1 text-[10px] text-white ${DIFF_BADGE[diff]}`}>{diff}</span>}
        {status && <span className="ml-auto text-[10px] font-medium" data-testid="block-status">{status}</span>}
        {problems.length > 0 && (
          <span title={problems.map((p) => p.message).join("\n")} className={`${status ? "" : "ml-auto"} rounded-full px-1.5 text-[10px] font-semibold text-white ${errors ? "bg-red-600" : "bg-amber-500"}`}>
            {problems.length}
          </span>
        )}
      </div>
      <div className="truncate px-2 font-mono text-[13px] font-medium text-slate-900 dark:text-slate-100">{block.name ?? id}</div>
      <div className="truncate px-2 pb-1.5 text-slate-600 dark:text-slate-400">{summary(block)}</div>
      {children}
      {outputs && <Handle type="source" position={Position.Right} className="!h-3 !w-3 !bg-slate-400" />}
    </div>
  );
}
