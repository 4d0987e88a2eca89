"use client";
// Filter and decision blocks: one output handle per condition, labelled with its number (and
// `else` for a decision's last branch), so each condition has its own outgoing branch.
import { Handle, Position, type NodeProps } from "@xyflow/react";
import type { BlockNode } from "../model/convert";
import { BlockShell } from "./block-shell";

export function ConditionNode({ id, data, selected }: NodeProps<BlockNode>) {
  const b = data.block;
  const conditions = b.type === "filter" || b.type === "decision" ? b.conditions : [];
  return (
    <BlockShell id={id} block={b} selected={selected} outputs={false}>
      <div className="border-t border-slate-200 dark:border-slate-700">
        {conditions.map((c, i) => (
          <div key={i} className="relative flex h-5 items-center justify-end pr-3 text-[10px] text-slate-500 dark:text-slate-400">
            {c.type === "else" ? "else" : `condition ${i + 1}`}
            <Handle type="source" id={`c${i}`} position={Position.Right} aria-label={`condition ${i + 1} of ${b.name ?? id}`} className="!h-2.5 !w-2.5 !bg-amber-500" />
          </div>
        ))}
      </div>
    </BlockShell>
  );
}
