// The app manifest: Splunk SOAR's app metadata shape (../shared/fixtures/soar-apps/*.json).
// Keys Vigil does not use (logo, pip dependencies, ...) pass through untouched; the keys it
// relies on are checked, so a bad manifest is refused with the field at fault when the app
// loads. `timeout_seconds` on an action is Vigil's own addition (default 120 s).
import { z } from "zod";

export const ACTION_TYPES = ["test", "investigate", "contain", "correct", "generic", "ingest"] as const;
export const PARAMETER_TYPES = ["string", "numeric", "boolean"] as const;
export const CONFIG_TYPES = ["string", "password", "numeric", "boolean", "ph", "timezone", "file"] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const configFieldSchema = z.looseObject({
  data_type: z.enum(CONFIG_TYPES),
  description: z.string().optional(),
  required: z.boolean().optional(),
  default: scalar.optional(),
  value_list: z.array(scalar).optional(),
  order: z.number().int().optional(),
});

export const parameterSchema = z.looseObject({
  data_type: z.enum(PARAMETER_TYPES),
  description: z.string().optional(),
  required: z.boolean().optional(),
  primary: z.boolean().optional(),
  contains: z.array(z.string()).optional(),
  default: scalar.optional(),
  value_list: z.array(scalar).optional(),
  order: z.number().int().optional(),
});

export const outputSchema = z.looseObject({
  data_path: z.string().min(1),
  data_type: z.string().optional(),
  contains: z.array(z.string()).optional(),
});

export const actionSchema = z.looseObject({
  action: z.string().min(1).max(128),
  identifier: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a Python-style identifier such as lookup_domain"),
  description: z.string().optional(),
  type: z.enum(ACTION_TYPES),
  read_only: z.boolean().optional(),
  parameters: z.record(z.string(), parameterSchema),
  output: z.array(outputSchema).optional(),
  timeout_seconds: z.number().int().positive().max(86_400).optional(),
});

export const manifestSchema = z
  .looseObject({
    appid: z.string().min(1).max(64),
    name: z.string().min(1).max(128),
    description: z.string().optional(),
    type: z.string().optional(),
    product_vendor: z.string(),
    product_name: z.string(),
    app_version: z.string().min(1),
    publisher: z.string().optional(),
    configuration: z.record(z.string(), configFieldSchema).optional(),
    actions: z.array(actionSchema).min(1),
  })
  .superRefine((m, ctx) => {
    const seen = new Map<string, string>();
    m.actions.forEach((a, i) => {
      for (const key of [`action:${a.action}`, `identifier:${a.identifier}`]) {
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["actions", i], message: `duplicate ${key.replace(":", " ")} (also at ${seen.get(key)})` });
        seen.set(key, `actions[${i}]`);
      }
    });
  });

export type AppManifest = z.output<typeof manifestSchema>;
export type ManifestAction = z.output<typeof actionSchema>;
export type ManifestParameter = z.output<typeof parameterSchema>;

/** "actions[2].type: Invalid option ..." for the first problem, so the error names the field. */
export function manifestProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid manifest";
  const where = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
  return `${where || "manifest"}: ${issue.message}`;
}

/** The configuration field names whose values are secrets. */
export function secretFields(manifest: Pick<AppManifest, "configuration">): string[] {
  return Object.entries(manifest.configuration ?? {}).filter(([, f]) => f.data_type === "password").map(([k]) => k);
}
