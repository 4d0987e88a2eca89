"use client";
// The editor's toolbar: undo/redo, layout, zoom to fit, help, the save message and Save, and
// (for a saved playbook) activation. A refused save's conflict stays here until the next save.
import { Dialog } from "radix-ui";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { SHORTCUTS } from "./use-editor-keys";

export interface ToolbarProps {
  title: string; version: number | null; dirty: boolean; readOnly: boolean; canUndo: boolean; canRedo: boolean;
  undo: () => void; redo: () => void; layout: () => void; fit: () => void;
  message: string; setMessage: (m: string) => void; save: () => void; pending: boolean;
  saved: boolean; active: boolean; errors: number; setActive: (on: boolean) => void; conflict: string | null;
}

export function Toolbar(p: ToolbarProps) {
  return (
    <div className="border-b border-slate-200 dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-2 px-3 py-2">
        <h1 className="mr-2 text-lg font-semibold">{p.title}</h1>
        <span className="text-xs text-slate-500" data-testid="version">{p.version ? `version ${p.version}` : "not saved yet"}{p.dirty ? " · unsaved changes" : ""}</span>
        {p.saved && <span className={`rounded px-1.5 text-xs ${p.active ? "bg-emerald-600 text-white" : "bg-slate-200 dark:bg-slate-700"}`}>{p.active ? "active" : "inactive"}</span>}
        <div className="ml-auto flex flex-wrap items-center gap-1">
          <Button variant="ghost" onClick={p.undo} disabled={p.readOnly || !p.canUndo} title="Ctrl+Z">Undo</Button>
          <Button variant="ghost" onClick={p.redo} disabled={p.readOnly || !p.canRedo} title="Ctrl+Shift+Z">Redo</Button>
          <Button variant="ghost" onClick={p.layout} disabled={p.readOnly} title="Shift+L">Auto-layout</Button>
          <Button variant="ghost" onClick={p.fit} title="Shift+F">Zoom to fit</Button>
          <Dialog.Root>
            <Dialog.Trigger asChild><Button variant="ghost" aria-label="Keyboard shortcuts">?</Button></Dialog.Trigger>
            <Dialog.Portal>
              <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
              <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[28rem] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-4 shadow-xl dark:bg-slate-900">
                <Dialog.Title className="mb-2 font-semibold">Editor shortcuts</Dialog.Title>
                <Dialog.Description className="mb-2 text-xs text-slate-500">Drag blocks from the palette, connect a block&apos;s right handle to another&apos;s left one.</Dialog.Description>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  {SHORTCUTS.map(([k, what]) => [<dt key={k} className="font-mono text-xs">{k}</dt>, <dd key={`${k}-d`}>{what}</dd>])}
                </dl>
                <Dialog.Close asChild><Button className="mt-3" variant="secondary">Close</Button></Dialog.Close>
              </Dialog.Content>
            </Dialog.Portal>
          </Dialog.Root>
          {!p.readOnly && (
            <>
              <input aria-label="Version message" placeholder="What changed?" value={p.message} onChange={(e) => p.setMessage(e.target.value)} className={`${inputClass} w-48 text-xs`} />
              <Button onClick={p.save} disabled={p.pending}>Save</Button>
              {p.saved && (p.active
                ? <Button variant="secondary" onClick={() => p.setActive(false)} disabled={p.pending}>Deactivate</Button>
                : <Button variant="secondary" onClick={() => p.setActive(true)} disabled={p.pending || p.dirty || p.errors > 0}
                    title={p.errors ? "Fix the errors first" : p.dirty ? "Save first" : undefined}>Activate</Button>)}
            </>
          )}
        </div>
      </div>
      {p.conflict && <p role="alert" className="bg-red-50 px-3 py-1.5 text-sm text-red-800 dark:bg-red-950 dark:text-red-300">Not saved: {p.conflict}</p>}
    </div>
  );
}
