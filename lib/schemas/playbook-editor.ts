// Inputs of the playbook editor's server actions (issue 10). A save carries the version the
// editor started from, so a save over a newer version is refused rather than overwriting it.
import { z } from "zod";
import { playbookSchema } from "./playbooks";

const id = z.number().int().positive();

export const editorSaveSchema = z.object({
  id: id.optional(),
  baseVersion: z.number().int().positive().optional(),
  playbook: playbookSchema,
}).refine((s) => s.id === undefined || s.baseVersion !== undefined, { message: "a save of an existing playbook names the version it started from", path: ["baseVersion"] });

export const editorActiveSchema = z.object({ id, active: z.boolean() });
export const editorVersionSchema = z.object({ id, version: z.number().int().positive() });
export const editorRevertSchema = z.object({ id, version: z.number().int().positive(), baseVersion: z.number().int().positive() });
export const editorDebugSchema = z.object({ id, containerId: id });

const literal = z.union([z.string().max(8192), z.number(), z.boolean(), z.null()]);
export const editorFormatPreviewSchema = z.object({
  containerId: id, template: z.string().max(100_000), parameters: z.array(literal).max(100), dropNone: z.boolean().optional(), separator: z.string().max(100).optional(),
});
export const editorPlaybookRefSchema = z.object({ id });

/** Max bytes of one SOAR upload: under the server actions' 6 MB body limit (next.config.js). */
export const SOAR_UPLOAD_MAX = 5 * 1024 * 1024;

/** The console's SOAR upload (files travel beside these fields in the same FormData). */
export const soarUploadSchema = z.object({
  kind: z.enum(["playbook", "custom_function"]).default("playbook"),
  repo: z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, "repository: letters, digits, _ and - only (at most 100)").default("local"),
  force: z.enum(["on", "true"]).optional().transform((v) => v !== undefined),
});
