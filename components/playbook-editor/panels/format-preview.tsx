"use client";
// The format block's live preview: the template rendered on a chosen container by the engine's own
// format code (on the server), redone a moment after each change to the template or parameters.
import { useEffect, useState } from "react";
import { formatPreviewAction } from "@/app/(console)/playbooks/actions";
import type { EditorContext } from "@/lib/domain/playbook-editor";
import type { Formatted } from "@/lib/engine/format";
import type { NodeData } from "@/lib/schemas/playbooks";
import { SelectField } from "./controls";

type FormatBlock = Extract<NodeData, { type: "format" }>;

export function FormatPreview({ block, ctx }: { block: FormatBlock; ctx: EditorContext }) {
  const [containerId, setContainerId] = useState("");
  const [result, setResult] = useState<{ ok: true; value: Formatted } | { ok: false; error: string } | null>(null);
  const { template, parameters, dropNone, separator } = block;
  useEffect(() => {
    if (!containerId) return setResult(null);
    let current = true;
    const t = setTimeout(() => {
      void formatPreviewAction({ containerId: Number(containerId), template, parameters, dropNone, separator }).then((r) => {
        if (current) setResult(r.ok ? { ok: true, value: r.value! } : { ok: false, error: r.error });
      });
    }, 250);
    return () => { current = false; clearTimeout(t); };
  }, [containerId, template, parameters, dropNone, separator]);
  return (
    <section aria-label="Format preview" className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-700">
      <SelectField label="Preview on container" value={containerId} onChange={setContainerId}
        options={[{ value: "", label: "Choose a container ..." }, ...ctx.containers.map((c) => ({ value: String(c.id), label: `#${c.id} ${c.name} (${c.label})` }))]} />
      {result?.ok === false && <p role="alert" className="text-xs text-red-700 dark:text-red-400">{result.error}</p>}
      {result?.ok && (
        <>
          <output data-testid="format-preview" className="block max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-[11px] dark:bg-slate-950">{result.value.text}</output>
          <p className="text-[11px] text-slate-500">
            {result.value.list.length} row(s). Outputs of other blocks exist only in a run, so datapaths into them show None here.
          </p>
        </>
      )}
    </section>
  );
}
