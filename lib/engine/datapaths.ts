// SOAR datapaths (SOAR-PLAYBOOKS.md §4), parsed once into a small tree the collector walks.
// `artifact:*.cef.x`, `container:x`, `<block>:action_result...`, `filtered-data:<f>:condition_<n>:...`,
// `playbook_input:x`, `<fmt>:formatted_data[.*]`, `<code>:custom_function:<out>`,
// `<cf>:custom_function_result...`, `<pb>:playbook_output:<out>`, `custom_list:<name>`.
export type Seg = string | number | "*";

export type Plain =
  | { kind: "artifact"; path: Seg[] }
  | { kind: "container"; path: Seg[] }
  | { kind: "playbook_input"; name: string; path: Seg[] }
  | { kind: "custom_list"; name: string }
  /** `<block>:action_result.<part>...`: part is status, message, summary, parameter or data. */
  | { kind: "action_result"; block: string; part: "status" | "message" | "summary" | "parameter" | "data"; path: Seg[] }
  | { kind: "cf_result"; block: string; part: "success" | "message" | "data"; path: Seg[] }
  | { kind: "code_output"; block: string; name: string; path: Seg[] }
  | { kind: "formatted_data"; block: string; list: boolean }
  | { kind: "playbook_output"; block: string; name: string; path: Seg[] };

export type Datapath = Plain & { filter?: { block: string; condition: number } };

export class DatapathError extends Error {}

const NAME = /^[A-Za-z0-9_\- ]+$/;

function parsePath(text: string, where: string): Seg[] {
  if (text === "") return [];
  return text.split(".").map((s) => {
    if (s === "*") return "*";
    if (/^\d+$/.test(s)) return Number(s);
    if (s === "") throw new DatapathError(`${where}: empty segment in "${text}"`);
    return s;
  });
}

/** Splits `a.b.c` after a fixed head: returns the remainder after `head.` or "" when exactly head. */
function after(text: string, head: string): string | null {
  if (text === head) return "";
  return text.startsWith(head + ".") ? text.slice(head.length + 1) : null;
}

function parseResult(block: string, rest: string, dp: string): Plain {
  const ar = after(rest, "action_result");
  if (ar !== null) {
    const [part, ...tail] = ar.split(".");
    if (part === "status" || part === "message") return { kind: "action_result", block, part, path: [] };
    if (part === "summary" || part === "parameter" || part === "data") {
      const path = parsePath(tail.join("."), dp);
      // `data.*.x` and `data.x` address the same values: a name segment maps over a list implicitly.
      return { kind: "action_result", block, part, path: path[0] === "*" ? path.slice(1) : path };
    }
    throw new DatapathError(`${dp}: action_result has status, message, summary, parameter and data, not "${part ?? ""}"`);
  }
  const cf = after(rest, "custom_function_result");
  if (cf !== null) {
    const [part, ...tail] = cf.split(".");
    if (part === "success" || part === "message") return { kind: "cf_result", block, part, path: [] };
    if (part === "data") {
      const path = parsePath(tail.join("."), dp);
      return { kind: "cf_result", block, part, path: path[0] === "*" ? path.slice(1) : path };
    }
    throw new DatapathError(`${dp}: custom_function_result has success, message and data, not "${part ?? ""}"`);
  }
  if (rest === "formatted_data") return { kind: "formatted_data", block, list: false };
  if (rest === "formatted_data.*") return { kind: "formatted_data", block, list: true };
  const colon = rest.indexOf(":");
  if (colon > 0) {
    const head = rest.slice(0, colon);
    const [name, ...tail] = rest.slice(colon + 1).split(".");
    if (!name) throw new DatapathError(`${dp}: a name is missing after "${head}:"`);
    const path = parsePath(tail.join("."), dp);
    if (head === "custom_function") return { kind: "code_output", block, name, path };
    if (head === "playbook_output") return { kind: "playbook_output", block, name, path };
  }
  throw new DatapathError(`${dp}: unknown result "${rest}" of block "${block}"`);
}

export function parsePlain(dp: string): Plain {
  if (dp === "artifact:*" || dp.startsWith("artifact:*.")) return { kind: "artifact", path: parsePath(dp.slice("artifact:*.".length), dp) };
  if (dp.startsWith("container:")) return { kind: "container", path: parsePath(dp.slice("container:".length), dp) };
  if (dp.startsWith("playbook_input:")) {
    const [name, ...tail] = dp.slice("playbook_input:".length).split(".");
    if (!name) throw new DatapathError(`${dp}: playbook_input needs an input name`);
    return { kind: "playbook_input", name, path: parsePath(tail.join("."), dp) };
  }
  if (dp.startsWith("custom_list:")) {
    const name = dp.slice("custom_list:".length);
    if (!name) throw new DatapathError(`${dp}: custom_list needs a list name`);
    return { kind: "custom_list", name };
  }
  const colon = dp.indexOf(":");
  if (colon <= 0) throw new DatapathError(`"${dp}" is not a datapath`);
  const block = dp.slice(0, colon);
  if (!NAME.test(block)) throw new DatapathError(`${dp}: "${block}" is not a block name`);
  // Block names are compared case-insensitively (the SOAR generator lower-cases them).
  return parseResult(block.toLowerCase(), dp.slice(colon + 1), dp);
}

export function parseDatapath(dp: string): Datapath {
  const text = dp.trim();
  const m = /^filtered-data:([^:]+):condition_(\d+):(.+)$/.exec(text);
  if (m) {
    const condition = Number(m[2]);
    if (condition < 1) throw new DatapathError(`${dp}: conditions are numbered from 1`);
    return { ...parsePlain(m[3]!), filter: { block: m[1]!.toLowerCase(), condition } };
  }
  return parsePlain(text);
}

/** True when the string reads as a datapath (a literal otherwise): used for condition operands. */
export function isDatapath(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    parseDatapath(value);
    return /^(artifact:\*|container:|playbook_input:|custom_list:|filtered-data:|[A-Za-z0-9_\- ]+:(action_result|custom_function|formatted_data|playbook_output))/.test(value);
  } catch {
    return false;
  }
}

/** Follows a path: `*` maps over a list, a name maps over a list implicitly, an int indexes one. */
export function getPath(value: unknown, path: Seg[]): unknown {
  let cur: unknown = value;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (cur === null || cur === undefined) return null;
    if (seg === "*") {
      if (!Array.isArray(cur)) return null;
      const rest = path.slice(i + 1);
      return cur.map((v) => getPath(v, rest));
    }
    if (typeof seg === "number") {
      cur = Array.isArray(cur) ? cur[seg] : (cur as Record<string, unknown>)[String(seg)];
      continue;
    }
    if (Array.isArray(cur)) {
      const rest = path.slice(i);
      return cur.map((v) => getPath(v, rest));
    }
    if (typeof cur !== "object") return null;
    cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : null;
  }
  return cur === undefined ? null : cur;
}

/** The group of a datapath: datapaths with one root line up row by row. */
export function rootOf(dp: Plain): string {
  switch (dp.kind) {
    case "artifact": return "artifact";
    case "container": return "container";
    case "playbook_input": return `playbook_input:${dp.name}`;
    case "custom_list": return `custom_list:${dp.name}`;
    case "action_result": return `${dp.block}:action_result`;
    case "cf_result": return `${dp.block}:custom_function_result`;
    case "code_output": return `${dp.block}:custom_function:${dp.name}`;
    case "formatted_data": return `${dp.block}:formatted_data${dp.list ? ".*" : ""}`;
    case "playbook_output": return `${dp.block}:playbook_output:${dp.name}`;
  }
}
