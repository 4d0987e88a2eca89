// `POST /rest/custom_function`: SOAR's create fields, or an export archive like /rest/import_playbook's.
import { z } from "zod";

export const customFunctionCreateSchema = z.object({
  custom_function: z.string().min(1).max(32 * 1024 * 1024).optional()
    .describe("base64 TAR (gzipped or not) of <name>.json and <name>.py, as SOAR exports a custom function"),
  name: z.string().trim().min(1).max(200).optional(),
  python: z.string().max(4 * 1024 * 1024).optional().describe("the function's Python code, defining a function of the same name"),
  description: z.string().max(10_000).optional(),
  inputs: z.array(z.unknown()).max(100).optional(),
  outputs: z.array(z.unknown()).max(100).optional(),
  scm: z.string().trim().min(1).max(100).optional().describe("repository name, local by default"),
  scm_id: z.union([z.string().trim().min(1).max(100), z.number()]).optional().describe("SOAR's repository field: a repository name here"),
  force: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
  draft_mode: z.boolean().optional(),
  commit_message: z.string().max(10_000).optional(),
});
