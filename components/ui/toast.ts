"use client";
// Server action results become toasts here and nowhere else: success in the user's words,
// failure with the server's reason (lib/action-result.ts makes every action answer this shape).
import { useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/action-result";

export function toastResult<T>(result: ActionResult<T>, success: string | ((value: T | undefined) => string)): result is { ok: true; value?: T } {
  if (result.ok) toast.success(typeof success === "string" ? success : success(result.value));
  else toast.error(result.error);
  return result.ok;
}

/** Runs a server action in a transition and toasts its result; `done` runs only on success. */
export function useActionToast() {
  const [pending, start] = useTransition();
  const run = <T,>(action: () => Promise<ActionResult<T>>, success: string | ((value: T | undefined) => string), done?: (value: T | undefined) => void) =>
    start(async () => {
      const result = await action();
      if (toastResult(result, success)) done?.(result.value);
    });
  return { pending, run };
}
