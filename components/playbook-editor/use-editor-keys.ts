"use client";
// The editor's keyboard shortcuts (listed in its help overlay). Keys typed into a form field
// belong to the field.
import { useEffect } from "react";

export const SHORTCUTS: [string, string][] = [
  ["Ctrl+Z", "undo"], ["Ctrl+Shift+Z or Ctrl+Y", "redo"], ["Ctrl+C / Ctrl+V", "copy / paste the selected blocks (also into another playbook)"],
  ["Delete or Backspace", "delete the selected blocks or connections"], ["Ctrl+S", "save a version"], ["Shift+L", "lay the blocks out"],
  ["Shift+F", "zoom to fit"], ["Shift+click, or drag with Shift", "select several blocks"],
];

export function useEditorKeys(h: { undo: () => void; redo: () => void; copy: () => void; paste: () => void; save: () => void; layout: () => void; fit: () => void }, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      const mod = e.ctrlKey || e.metaKey, k = e.key.toLowerCase();
      const run = (f: () => void) => { e.preventDefault(); f(); };
      if (mod && k === "z") run(e.shiftKey ? h.redo : h.undo);
      else if (mod && k === "y") run(h.redo);
      else if (mod && k === "c") run(h.copy);
      else if (mod && k === "v") run(h.paste);
      else if (mod && k === "s") run(h.save);
      else if (!mod && e.shiftKey && k === "l") run(h.layout);
      else if (!mod && e.shiftKey && k === "f") run(h.fit);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [h, enabled]);
}

/** Follows the console's theme (the `dark` class on <html>), for the canvas's colour mode. */
export function observeDark(set: (dark: boolean) => void): () => void {
  const read = () => set(document.documentElement.classList.contains("dark"));
  read();
  const o = new MutationObserver(read);
  o.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => o.disconnect();
}
