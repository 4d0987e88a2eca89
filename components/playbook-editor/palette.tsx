"use client";
// The palette: every block type. Drag one onto the canvas, or click it to add it beside the
// selected block (the keyboard way).
import { BLOCK_KINDS, type BlockType } from "./model/blocks";
import { DRAG_TYPE } from "./canvas";

export function Palette({ onAdd, disabled }: { onAdd: (type: BlockType) => void; disabled: boolean }) {
  return (
    <nav aria-label="Block palette" className="flex w-40 shrink-0 flex-col gap-1 overflow-y-auto border-r border-slate-200 p-2 dark:border-slate-800">
      <h2 className="px-1 text-xs font-semibold uppercase text-slate-500 dark:text-slate-400">Blocks</h2>
      {BLOCK_KINDS.map((k) => (
        <button
          key={k.type}
          type="button"
          draggable={!disabled}
          disabled={disabled}
          title={k.hint}
          onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, k.type); e.dataTransfer.effectAllowed = "move"; }}
          onClick={() => onAdd(k.type)}
          className="flex items-center gap-2 rounded border border-slate-200 bg-white px-2 py-1.5 text-left text-sm hover:border-brand-500 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900"
        >
          <span className={`h-3 w-1.5 rounded-sm ${k.accent}`} aria-hidden />
          {k.label}
        </button>
      ))}
    </nav>
  );
}
