"use client";
// One SOAR block, read-only: its SOAR type and the Vigil type it maps to, what it does (action and
// its parameters, conditions, template, prompt, custom function, child playbook) with datapaths as
// written, and its Python: a code block's user code and the function SOAR generated for the block.
import type { ReactNode } from "react";
import type { SoarNode } from "@/lib/domain/soar-graph";
import { KIND } from "../model/blocks";
import { PythonView } from "./python-view";

type Obj = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
const mono = "break-all font-mono text-[11px]";

function Rows({ label, rows }: { label: string; rows: [string, unknown][] }) {
  if (rows.length === 0) return null;
  return (
    <section aria-label={label}>
      <h3 className="font-medium">{label}</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
        {rows.map(([k, v], i) => [<dt key={`k${i}`} className="text-slate-500">{k}</dt>, <dd key={`v${i}`} className={mono}>{text(v) || "—"}</dd>])}
      </dl>
    </section>
  );
}

function Conditions({ data }: { data: Obj }) {
  const conds = (data.conditions ?? []) as { logic: string; type?: string; comparisons: { param: unknown; op: string; value: unknown }[] }[];
  const names = ((data.soarConditions ?? []) as Obj[]).map((c) => text(c.customName));
  return (
    <section aria-label="Conditions">
      <h3 className="font-medium">Conditions</h3>
      <ol className="space-y-1">
        {conds.map((c, i) => (
          <li key={i} className="rounded bg-slate-50 p-1.5 dark:bg-slate-950">
            <span className="text-slate-500">{i + 1}. {c.type ?? "if"}{names[i] ? ` “${names[i]}”` : ""} ({c.logic})</span>
            <ul className={mono}>{c.comparisons.map((x, j) => <li key={j}>{text(x.param) || '""'} <strong>{x.op}</strong> {text(x.value) || '""'}</li>)}</ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Details({ node }: { node: SoarNode }) {
  const d = node.data, s = node.soar.data;
  const parts: ReactNode[] = [];
  switch (d.type) {
    case "action":
      parts.push(<Rows key="a" label="Action" rows={[["app", s.connector], ["action", d.action], ["assets", (d.assets as string[]).join(", ")]]} />);
      parts.push(<Rows key="p" label="Parameters" rows={Object.entries(d.parameters as Obj)} />);
      break;
    case "filter": case "decision":
      parts.push(<Conditions key="c" data={{ ...d, soarConditions: s.conditions }} />);
      break;
    case "format":
      parts.push(<section key="t" aria-label="Template"><h3 className="font-medium">Template</h3><pre className={`${mono} whitespace-pre-wrap rounded bg-slate-50 p-1.5 dark:bg-slate-950`}>{text(d.template)}</pre></section>);
      parts.push(<Rows key="p" label="Parameters" rows={(d.parameters as unknown[]).map((p, i) => [`{${i}}`, p])} />);
      break;
    case "prompt":
      parts.push(<Rows key="p" label="Prompt" rows={[["approver", d.approver], ["message", d.message], ["respond in (min)", d.responseTime], ...(d.responses as Obj[]).map((r, i): [string, unknown] => [`response ${i + 1}`, `${text(r.prompt)} (${text(r.type)})`])]} />);
      break;
    case "custom_function":
      parts.push(<Rows key="f" label="Custom function" rows={[["function", d.customFunction], ...Object.entries(d.parameters as Obj)]} />);
      break;
    case "utility":
      parts.push(<Rows key="u" label="Utility" rows={[["call", d.utility], ...Object.entries(d.values as Obj)]} />);
      break;
    case "playbook":
      parts.push(<Rows key="p" label="Child playbook" rows={[["playbook", d.playbook], ["synchronous", d.synchronous], ...Object.entries(d.inputs as Record<string, { datapaths: unknown[] }>).map(([k, v]): [string, unknown] => [k, v.datapaths.map(text).join(", ")])]} />);
      break;
    case "code":
      parts.push(<Rows key="i" label="Inputs and outputs" rows={[["inputs", (d.inputParameters as string[]).join(", ")], ["outputs", (d.outputVariables as string[]).join(", ")]]} />);
      break;
  }
  return <>{parts}</>;
}

export function SoarBlockPanel({ node, python }: { node: SoarNode; python: string | undefined }) {
  const adv = (node.soar.data.advanced ?? {}) as Obj;
  const kind = KIND[node.data.type as keyof typeof KIND];
  const soarType = node.soar.type + (node.soar.data.utilityType ? ` (${text(node.soar.data.utilityType)})` : "");
  return (
    <div className="space-y-3 text-xs" aria-label={`SOAR block ${text(node.data.name) || node.id}`}>
      <div>
        <h2 className="text-sm font-semibold">{kind?.label ?? node.data.type} block <span className="font-mono">{text(node.data.name) || node.id}</span></h2>
        <p className="text-slate-500" data-testid="soar-type">SOAR block type <strong>{soarType}</strong> → Vigil <strong>{kind?.label ?? node.type}</strong></p>
        {text(adv.customName) && <p>Named in SOAR: {text(adv.customName)}</p>}
        {text(adv.description) && <p className="text-slate-600 dark:text-slate-400">{text(adv.description)}</p>}
      </div>
      <Details node={node} />
      {node.soar.userCode !== null && node.soar.userCode.trim() && (
        <section aria-label="User code"><h3 className="mb-1 font-medium">User code (Python)</h3><PythonView code={node.soar.userCode} label={`User code of ${text(node.data.name)}`} /></section>
      )}
      {python !== undefined && (
        <details open={node.data.type === "code"}>
          <summary className="cursor-pointer font-medium">Generated function (what runs)</summary>
          <div className="mt-1"><PythonView code={python} label={`Python of ${text(node.data.name)}`} /></div>
        </details>
      )}
    </div>
  );
}
