// Notes, comments, vault uploads and custom CEF fields as the REST API and the console take them.
import { z } from "zod";
import { id, jsonObject, opt } from "./common";

/** Largest note and comment, in characters: the console's forms check these before sending. */
export const NOTE_MAX_CHARS = 1_000_000;
export const COMMENT_MAX_CHARS = 10_000;

export const newNoteSchema = z.object({
  container_id: id,
  title: opt(z.string().max(1024), ""),
  content: z.string({ error: "content is required" }).min(1, "content is required").max(NOTE_MAX_CHARS, `content: at most ${NOTE_MAX_CHARS.toLocaleString("en")} characters`),
  note_type: opt(z.enum(["general", "artifact", "task", "container"]), "general"),
  /** With note_type "task": the workbook task the note is written on. */
  task_id: id.nullish(),
  phase_id: id.nullish(),
  note_format: z.string().max(16).nullish(),
});

export const newCommentSchema = z.object({
  comment: z.string({ error: "comment is required" }).trim().min(1, "comment is required").max(COMMENT_MAX_CHARS, `comment: at most ${COMMENT_MAX_CHARS.toLocaleString("en")} characters`),
});
/** Phantom's POST /rest/container_comment: SOAR's own scripts send `container`, Vigil's docs `container_id`. */
export const newContainerCommentSchema = newCommentSchema
  .extend({ container_id: id.optional(), container: id.optional() })
  .transform((v, ctx) => {
    const containerId = v.container_id ?? v.container;
    if (containerId === undefined) {
      ctx.addIssue({ code: "custom", message: "container_id (or container) is required", path: ["container_id"] });
      return z.NEVER;
    }
    return { comment: v.comment, container_id: containerId };
  });

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13); // space, \t \n \v \f \r
}

function inAlphabet(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;
}

/**
 * Base64 as clients send it (line breaks allowed, at most two "=" of padding at the end), checked
 * in one pass over the text. A regex of adjacent quantifiers such as `[A-Za-z0-9+/\s]*={0,2}\s*$`
 * backtracks quadratically on long runs of spaces followed by a bad character.
 */
export function isBase64(text: string): boolean {
  let padding = 0;
  let trailing = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      if (padding > 0) trailing = true;
    } else if (code === 61) { // "="
      if (trailing || ++padding > 2) return false;
    } else if (padding > 0 || !inAlphabet(code)) {
      return false;
    }
  }
  return true;
}

export const vaultAddSchema = z.object({
  container_id: id,
  file_content: z.string({ error: "file_content is required (base64)" }).refine(isBase64, "file_content must be base64"),
  file_name: z.string().trim().min(1, "file_name is required").max(255).refine((n) => !/[/\\]/.test(n), "file_name may not contain slashes"),
  mime_type: z.string().max(255).nullish(),
  metadata: opt(jsonObject, {}),
});

export const CONTAINS_TYPE = z.string().trim().min(1).max(64);
export const newCefFieldSchema = z.object({
  name: z.string().trim().min(1).max(128).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "name may hold letters, digits and _"),
  contains: opt(z.array(CONTAINS_TYPE).max(20), []),
});

/** Severities and statuses administrators add beyond the built-in ones. */
export const newSeveritySchema = z.object({
  name: z.string().trim().min(1).max(64).regex(/^[a-z0-9_ -]+$/, "name may hold lower-case letters, digits, space, _ and -"),
  color: opt(z.string().trim().max(32), "gray"),
});
export const newContainerStatusSchema = z.object({
  name: z.string().trim().min(1).max(64).regex(/^[a-z0-9_ -]+$/, "name may hold lower-case letters, digits, space, _ and -"),
  status_type: z.enum(["new", "open", "closed"], { error: "status_type must be new, open or closed" }),
});
