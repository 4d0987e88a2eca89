// format (SOAR-PLAYBOOKS.md §3.6): `{i}` is the value of parameters[i]; `{{`/`}}` are literal
// braces; a `%%...%%` section repeats once per row; the result is one string and a list with one
// entry per row (what `<fmt>:formatted_data.*` reads).
import { collect, type RunData } from "./collect";
import { isDatapath } from "./datapaths";

export interface FormatOptions { dropNone?: boolean; separator?: string }
export interface Formatted { text: string; list: string[] }

const show = (v: unknown): string => (v === null || v === undefined ? "None" : typeof v === "string" ? v : JSON.stringify(v));

function fill(template: string, values: (i: number) => string): string {
  return template.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, i: string | undefined) => (m === "{{" ? "{" : m === "}}" ? "}" : values(Number(i))));
}

export function format(data: RunData, template: string, parameters: unknown[], o: FormatOptions = {}): Formatted {
  const sep = o.separator ?? ", ";
  const paths = parameters.filter(isDatapath);
  const got = paths.length > 0 ? collect(data, paths) : { rows: [[]] };
  let rows = got.rows.map((r) => parameters.map((p) => (isDatapath(p) ? r[paths.indexOf(p)] : p)));
  if (o.dropNone) rows = rows.filter((r) => r.every((v) => v !== null && v !== undefined));
  const cell = (v: unknown) => (Array.isArray(v) ? v.map(show).join(sep) : show(v));
  // Outside a %% section a slot holds all of its parameter's own values (the container once).
  const column = (i: number) => {
    const p = parameters[i];
    const own = isDatapath(p) ? collect(data, [p]).rows.map((r) => r[0]) : [p];
    const vals = own.filter((v) => !(o.dropNone && (v === null || v === undefined)));
    return vals.length === 1 ? cell(vals[0]) : vals.map(cell).join(sep);
  };
  const list = rows.map((r) => fill(template.replace(/%%/g, ""), (i) => cell(r[i])));
  const parts = template.split("%%");
  // Odd-numbered parts sit between %% markers and repeat per row; the rest are filled once.
  const text = parts.map((p, k) => (k % 2 === 1 ? rows.map((r) => fill(p, (i) => cell(r[i]))).join("") : fill(p, column))).join("");
  return { text, list };
}
