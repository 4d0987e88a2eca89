"use client";
// The HUD: values pinned to the head of the investigation page by analysts or playbooks
// (SOAR's container pins). Cards show the message above the value in the pin's colour; analysts
// may unpin. Pins are added through /rest/container_pin (playbooks, scripts).
import { useState, useTransition } from "react";
import { unpinAction } from "@/app/(console)/events/actions";

export interface HudPin {
  id: number;
  message: string;
  data: string;
  pinType: string;
  pinStyle: string;
}

const STYLE: Record<string, string> = {
  red: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100",
  blue: "border-blue-300 bg-blue-50 text-blue-900 dark:border-blue-800 dark:bg-blue-950/50 dark:text-blue-100",
  grey: "border-slate-300 bg-slate-50 text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100",
};

export function PinsHud({ containerId, pins, canWrite }: { containerId: number; pins: HudPin[]; canWrite: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!pins.length) return null;
  return (
    <section aria-label="Pinned" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {pins.map((p) => (
          <li key={p.id} data-testid="hud-pin" className={`flex min-w-32 items-start gap-2 rounded-lg border px-3 py-2 ${STYLE[p.pinStyle] ?? STYLE.grey}`}>
            <div className="min-w-0">
              <p className="text-xs font-medium opacity-80">{p.message}</p>
              {p.data && <p className={`${p.pinType === "data" ? "font-mono text-sm" : "text-lg font-semibold"} break-all`}>{p.data}</p>}
            </div>
            {canWrite && (
              <button type="button" disabled={pending} aria-label={`Unpin ${p.message}`} title="Unpin"
                className="ml-auto rounded px-1 text-sm opacity-60 hover:opacity-100 focus-visible:opacity-100"
                onClick={() => start(async () => {
                  const r = await unpinAction({ container_id: containerId, pin_id: p.id });
                  setError(r.ok ? null : r.error);
                })}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">Not unpinned: {error}</p>}
    </section>
  );
}
