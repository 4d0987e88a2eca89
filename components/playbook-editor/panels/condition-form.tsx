"use client";
// Filter and decision blocks: conditions, each its own outgoing branch, each a list of
// comparisons joined by and/or. A decision's last condition may be `else`.
import { OPS } from "@/lib/engine/condition";
import type { NodeData } from "@/lib/schemas/playbooks";
import { DatapathInput } from "./datapath-input";
import { Section, SelectField, SmallButton, asText } from "./controls";
import type { FormProps } from "./form-props";

type Cond = Extract<NodeData, { type: "filter" | "decision" }>["conditions"][number];

export function ConditionForm({ block, set, options }: FormProps<"filter" | "decision">) {
  const put = (conditions: Cond[]) => set({ ...block, conditions } as NodeData);
  const edit = (i: number, c: Cond) => put(block.conditions.map((x, j) => (j === i ? c : x)));
  const blank = { param: "", op: "==" as const, value: "" };
  return (
    <div className="space-y-2">
      {block.conditions.map((c, i) => (
        <Section
          key={i} title={c.type === "else" ? `Condition ${i + 1}: else` : `Condition ${i + 1}`}
          actions={block.conditions.length > 1 && i === block.conditions.length - 1 ? <SmallButton label={`Remove condition ${i + 1}`} onClick={() => put(block.conditions.slice(0, -1))}>Remove</SmallButton> : undefined}
        >
          {c.type !== "else" && (
            <>
              <SelectField label="Match" value={c.logic} onChange={(v) => edit(i, { ...c, logic: v as "and" | "or" })} options={[{ value: "and", label: "all comparisons (and)" }, { value: "or", label: "any comparison (or)" }]} />
              {c.comparisons.map((x, k) => (
                <div key={k} className="space-y-1 border-l-2 border-slate-200 pl-2 dark:border-slate-700">
                  <DatapathInput label={`Value ${k + 1}`} required value={asText(x.param)} options={options} onChange={(v) => edit(i, { ...c, comparisons: c.comparisons.map((y, m) => (m === k ? { ...y, param: v } : y)) })} />
                  <SelectField label="Operator" value={x.op} options={[...OPS]} onChange={(v) => edit(i, { ...c, comparisons: c.comparisons.map((y, m) => (m === k ? { ...y, op: v as typeof x.op } : y)) })} />
                  <DatapathInput label={`Compared with ${k + 1}`} value={asText(x.value)} options={options} onChange={(v) => edit(i, { ...c, comparisons: c.comparisons.map((y, m) => (m === k ? { ...y, value: v } : y)) })} />
                  {c.comparisons.length > 1 && <SmallButton onClick={() => edit(i, { ...c, comparisons: c.comparisons.filter((_, m) => m !== k) })}>Remove comparison</SmallButton>}
                </div>
              ))}
              <SmallButton onClick={() => edit(i, { ...c, comparisons: [...c.comparisons, blank] })}>Add comparison</SmallButton>
            </>
          )}
        </Section>
      ))}
      <div className="flex gap-2">
        <SmallButton onClick={() => put([...block.conditions, { logic: "and", ...(block.type === "decision" ? { type: "elif" as const } : {}), comparisons: [blank] }])}>Add condition</SmallButton>
        {block.type === "decision" && block.conditions.at(-1)?.type !== "else" && <SmallButton onClick={() => put([...block.conditions, { logic: "and", type: "else", comparisons: [] }])}>Add else</SmallButton>}
      </div>
    </div>
  );
}
