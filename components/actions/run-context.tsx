"use client";
// Running actions by hand on one container: the catalogue of runnable actions (fetched once;
// empty for a role without actions.run), and the run dialog, opened from any CEF value menu.
import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { actionsFor, type CatalogAction } from "@/lib/apps/catalog";
import { RunActionDialog } from "./run-dialog";

export interface RunTarget {
  value: string;
  types: string[];
  /** "DNS:lookup domain" */
  choice: string;
}

interface RunActions {
  containerId: number;
  /** False until the catalogue says this user may run actions. */
  canRun: boolean;
  matching(types: string[]): { action: CatalogAction; parameter: string }[];
  open(target: RunTarget): void;
}

const Ctx = createContext<RunActions | null>(null);

export const choiceOf = (a: CatalogAction) => `${a.appId}:${a.action}`;

async function fetchCatalog(): Promise<CatalogAction[] | null> {
  const res = await fetch("/api/actions/catalog", { headers: { accept: "application/json" } });
  if (res.status === 403) return null;
  if (!res.ok) throw new Error(`the action catalogue answered ${res.status}`);
  return (await res.json()) as CatalogAction[];
}

export function RunActionProvider({ containerId, children }: { containerId: number; children: ReactNode }) {
  const catalog = useQuery({ queryKey: ["action-catalog"], queryFn: fetchCatalog, staleTime: 60_000 });
  const [target, setTarget] = useState<RunTarget | null>(null);
  const value = useMemo<RunActions>(() => ({
    containerId,
    canRun: Array.isArray(catalog.data),
    matching: (types) => actionsFor(catalog.data ?? [], types),
    open: setTarget,
  }), [containerId, catalog.data]);
  return (
    <Ctx.Provider value={value}>
      {children}
      {target && <RunActionDialog target={target} matches={value.matching(target.types)} containerId={containerId} onClose={() => setTarget(null)} />}
    </Ctx.Provider>
  );
}

/** Null outside an investigation page (the menu then offers no actions). */
export function useRunActions(): RunActions | null {
  return useContext(Ctx);
}
