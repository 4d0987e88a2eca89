"use client";
// The editor's document with undo and redo. Edits that are one user gesture (add, connect,
// delete, a form change, the end of a drag) record a step; the frames of a drag do not.
import { useCallback, useRef, useState } from "react";
import type { Doc } from "./model/convert";

const LIMIT = 200;

export function useDocHistory(initial: Doc) {
  const [doc, setDoc] = useState(initial);
  const current = useRef(initial);
  const past = useRef<Doc[]>([]);
  const future = useRef<Doc[]>([]);
  const set = useCallback((d: Doc) => { current.current = d; setDoc(d); }, []);

  /** Applies an edit; `record` keeps the document before it as an undo step. */
  const update = useCallback((fn: (d: Doc) => Doc, record = true) => {
    const d = current.current, next = fn(d);
    if (next === d) return;
    if (record) {
      past.current = [...past.current.slice(-LIMIT + 1), d];
      future.current = [];
    }
    set(next);
  }, [set]);

  /** Records the current document as an undo step without changing it (the start of a drag). */
  const checkpoint = useCallback(() => {
    past.current = [...past.current.slice(-LIMIT + 1), current.current];
    future.current = [];
  }, []);

  const undo = useCallback(() => {
    const prev = past.current.at(-1);
    if (!prev) return;
    past.current = past.current.slice(0, -1);
    future.current = [current.current, ...future.current];
    set(prev);
  }, [set]);

  const redo = useCallback(() => {
    const next = future.current[0];
    if (!next) return;
    future.current = future.current.slice(1);
    past.current = [...past.current, current.current];
    set(next);
  }, [set]);

  /** Replaces the document and forgets history (loading another version). */
  const reset = useCallback((d: Doc) => {
    past.current = [];
    future.current = [];
    set(d);
  }, [set]);

  return { doc, update, checkpoint, undo, redo, reset, canUndo: past.current.length > 0, canRedo: future.current.length > 0 };
}
