"use client";
// Runs a list server action in a transition and keeps its error for the alert line.
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

export function useListAction() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = <T,>(fn: () => Promise<ActionResult<T>>, then?: (value: T | undefined) => void) => {
    setError(null);
    startTransition(async () => {
      const result = await fn();
      if (!result.ok) return setError(result.error);
      then?.(result.value);
    });
  };
  return { pending, error, run };
}
