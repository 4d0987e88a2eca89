"use client";
// Console-wide keys: `?` lists the shortcuts, `/` jumps to the search box. The queue's own keys
// (j, k, Enter, x) are handled by the queue and listed here so they can be found.
import { Dialog } from "radix-ui";
import { useEffect, useState } from "react";

/** The user menu opens the list with this event, so the list is reachable without a keyboard. */
export const SHOW_SHORTCUTS = "vigil:show-shortcuts";

const SHORTCUTS: [string, string][] = [
  ["?", "Show these shortcuts"],
  ["/", "Search events, artifacts, indicators and notes"],
  ["j / ↓", "Next event in the queue (past the last row: next page)"],
  ["k / ↑", "Previous event in the queue"],
  ["Enter", "Open the event"],
  ["x", "Select the event for bulk actions"],
  ["Esc", "Close a dialog or menu"],
];

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName) || el.isContentEditable);

export function KeyboardHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || typing(e.target)) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === "/") {
        const search = document.getElementById("header-search");
        if (!search) return;
        e.preventDefault();
        search.focus();
      }
    };
    const show = () => setOpen(true);
    document.addEventListener("keydown", onKey);
    window.addEventListener(SHOW_SHORTCUTS, show);
    return () => {
      document.removeEventListener("keydown", onKey);
      window.removeEventListener(SHOW_SHORTCUTS, show);
    };
  }, []);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <Dialog.Title className="text-base font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-400">They work anywhere outside a text field.</Dialog.Description>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            {SHORTCUTS.map(([key, what]) => (
              <div key={key} className="contents">
                <dt><kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">{key}</kbd></dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
          <Dialog.Close className="mt-4 rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">Close</Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
