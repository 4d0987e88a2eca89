"use client";
// What the canvas marks on blocks besides their settings: validation problems, the debugger's
// status, the version diff. One context, so marking a block does not rewrite the node objects.
import { createContext, useContext } from "react";
import type { Problem } from "@/lib/engine/validate";
import type { BlockStatus } from "@/lib/domain/playbook-run-view";
import type { Change } from "../model/diff";

export interface Marks { problems: Map<string, Problem[]>; status: Record<string, BlockStatus>; diff: Record<string, Change> }
export const MarksContext = createContext<Marks>({ problems: new Map(), status: {}, diff: {} });
export const useMarks = (id: string) => {
  const m = useContext(MarksContext);
  return { problems: m.problems.get(id) ?? [], status: m.status[id], diff: m.diff[id] };
};
