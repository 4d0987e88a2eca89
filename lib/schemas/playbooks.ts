// Playbooks (issue 9): Vigil's own JSON for a playbook and its graph. The graph is what the
// editor draws and close to SOAR's export (`coa.data.nodes` keyed by id, edges from a source to a
// target node, edges leaving a filter/decision naming the 0-based condition they follow), so the
// SOAR import maps onto it node by node.
import { z } from "zod";
import { id } from "./common";

const name = z.string().trim().min(1, "a name is required").max(200, "a name has at most 200 characters");
const datapath = z.string().max(1000);
const literal = z.union([z.string().max(8192), z.number(), z.boolean(), z.null()]);

export const comparison = z.object({
  param: literal,
  op: z.enum(["==", "!=", "<", "<=", ">", ">=", "in", "not in", "matches", "not matches"]),
  value: literal,
});
const condition = z.object({
  logic: z.enum(["and", "or"]).default("and"),
  type: z.enum(["if", "elif", "else"]).optional(),
  comparisons: z.array(comparison).max(50),
});

const common = {
  /** The block's functionName: datapaths and run data name it (case-insensitively). */
  name: z.string().regex(/^[A-Za-z0-9_]+$/, "a block name has letters, digits and _ only").max(100).optional(),
  /** Predecessors (ids) a join does not wait for (SOAR's notRequiredJoins). */
  notRequiredJoins: z.array(z.string()).max(100).optional(),
  scope: z.enum(["new", "all"]).optional(),
};

// Settings a draft may leave empty (an action not chosen yet) are allowed here and reported by
// lib/engine/validate.ts, which refuses to activate or debug a playbook with errors.
export const UTILITIES = ["comment", "add_note", "set_status", "set_severity", "set_sensitivity", "set_owner", "add_tag", "promote_to_case", "pin", "add_artifact", "add_to_list"] as const;

const nodeData = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), ...common }),
  z.object({ type: z.literal("end"), ...common }),
  z.object({ type: z.enum(["filter", "decision"]), ...common, conditions: z.array(condition).min(1).max(50), delimiter: z.string().max(10).nullish(), caseSensitive: z.boolean().optional() }),
  z.object({ type: z.literal("format"), ...common, template: z.string().max(100_000), parameters: z.array(literal).max(100).default([]), dropNone: z.boolean().optional(), separator: z.string().max(100).optional() }),
  z.object({ type: z.literal("code"), ...common, code: z.string().max(200_000), inputParameters: z.array(datapath).max(100).default([]), outputVariables: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).max(100).default([]) }),
  z.object({ type: z.literal("utility"), ...common, utility: z.enum(UTILITIES), values: z.record(z.string(), literal).default({}) }),
  z.object({ type: z.literal("custom_function"), ...common, customFunction: z.string().max(300), parameters: z.record(z.string(), literal).default({}), inputType: z.enum(["item", "list"]).default("item") }),
  z.object({
    type: z.literal("playbook"), ...common, playbook: z.string().max(300), synchronous: z.boolean().default(true),
    inputs: z.record(z.string(), z.object({ datapaths: z.array(literal).max(100), deduplicate: z.boolean().default(false) })).default({}),
  }),
  z.object({
    type: z.literal("prompt"), ...common,
    approver: z.union([z.object({ user: z.string().max(200) }), z.object({ role: z.string().max(200) }), z.literal("container_owner")]),
    message: z.string().max(100_000), parameters: z.array(literal).max(100).default([]),
    responseTime: z.number().int().min(1).max(60 * 24 * 30).default(30),
    responses: z.array(z.object({ prompt: z.string().max(1000), type: z.enum(["yes/no", "list", "message"]), options: z.array(z.string().max(500)).max(100).optional() })).max(20).default([]),
  }),
  z.object({ type: z.literal("action"), ...common, action: z.string().max(200), assets: z.array(z.string()).max(100).default([]), parameters: z.record(z.string(), literal).default({}) }),
]);
export type NodeData = z.infer<typeof nodeData>;

export const graphSchema = z.object({
  nodes: z.record(z.string().min(1).max(50), z.object({ id: z.string(), type: z.string(), data: nodeData, x: z.number().optional(), y: z.number().optional() })),
  edges: z.array(z.object({
    id: z.string().optional(), source: z.string(), target: z.string(),
    conditions: z.array(z.object({ index: z.number().int().min(0) })).max(1).optional(),
  })).max(5000),
});
export type Graph = z.infer<typeof graphSchema>;

const spec = z.array(z.object({ name: z.string().min(1).max(100), description: z.string().max(2000).default(""), datapaths: z.array(datapath).max(100).default([]), deduplicate: z.boolean().default(false) })).max(100);

export const playbookSchema = z.object({
  name,
  repo: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, "a repository name has letters, digits, _ and - only").default("local"),
  description: z.string().max(10_000).default(""),
  category: z.string().max(200).default(""),
  tags: z.array(z.string().max(100)).max(100).default([]),
  labels: z.array(z.string().min(1).max(100)).min(1).max(100).default(["*"]),
  active: z.boolean().default(false),
  type: z.enum(["automation", "input"]).default("automation"),
  input_spec: spec.default([]),
  output_spec: spec.default([]),
  graph: graphSchema.optional(),
  code: z.string().max(500_000).optional(),
  /** What `code` is written in: JavaScript, or Python (an imported SOAR playbook's .py). */
  language: z.enum(["javascript", "python"]).default("javascript"),
  message: z.string().max(2000).default(""),
}).refine((p) => (p.graph === undefined) !== (p.code === undefined), { message: "a playbook has either a graph or code", path: ["graph"] });
export type NewPlaybook = z.infer<typeof playbookSchema>;

export const playbookRunSchema = z.object({
  container_id: z.number().int().positive(),
  playbook_id: z.union([z.number().int().positive(), z.string().regex(/^[^/]+\/.+$/, "playbook_id is an id or repo/name")]),
  scope: z.enum(["new", "all"]).default("new"),
  run: z.boolean().default(true),
  inputs: z.record(z.string(), z.unknown()).default({}),
});

export const playbookRunUpdateSchema = z.object({ cancel: z.literal(true) });

/** POST /rest/playbook/<id> with only the active flag (SOAR's activate/deactivate). */
export const playbookUpdateSchema = z.object({ active: z.boolean() }).strict();

/** The console's cancel button names the run by id. */
export const playbookRunRefSchema = z.strictObject({ id });

/** A schedule trigger: run the playbook on a container at every tick of a cron expression. */
export const playbookScheduleSchema = z.object({
  playbook_id: z.union([id, z.string().regex(/^[^/]+\/.+$/, "playbook_id is an id or repo/name")]),
  container_id: id,
  /** Five fields (minute hour day month weekday) or six with seconds first; croner's syntax. */
  cron: z.string().trim().min(1, "cron is required").max(200),
  timezone: z.string().trim().min(1).max(100).default("UTC"),
  scope: z.enum(["new", "all"]).default("new"),
  active: z.boolean().default(true),
});
export type NewPlaybookSchedule = z.infer<typeof playbookScheduleSchema>;
