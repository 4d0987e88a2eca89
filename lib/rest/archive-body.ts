// The body of POST /rest/container_import: the tar itself (any non-JSON content type), or JSON
// {"archive": "<base64>"} (also accepted as "file_content", the vault's name for base64 bytes)
// for clients that only send JSON. Limit: VIGIL_REST_MAX_BODY_MB plus VIGIL_VAULT_MAX_MB.
import { DomainError } from "../domain/errors";
import { vaultMaxBytes } from "../domain/vault";
import { readBody, restMaxBodyBytes } from "./body";

export function importMaxBytes(): number {
  return restMaxBodyBytes() + vaultMaxBytes();
}

export async function readArchiveBody(request: Request): Promise<Buffer> {
  const json = (request.headers.get("content-type") ?? "").includes("json");
  // Base64 takes 4 bytes for every 3.
  const body = await readBody(request, json ? Math.ceil((importMaxBytes() * 4) / 3) + 4096 : importMaxBytes());
  if (!json) {
    if (!body.length) throw new DomainError("invalid", "the request body is empty: send the tar (or JSON {\"archive\": \"<base64>\"})");
    return body;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new DomainError("invalid", "malformed JSON");
  }
  const o = (parsed ?? {}) as Record<string, unknown>;
  const b64 = typeof o.archive === "string" ? o.archive : typeof o.file_content === "string" ? o.file_content : null;
  if (b64 === null) throw new DomainError("invalid", "archive is required: the tar as base64", "archive");
  const compact = b64.replace(/\s+/g, "");
  // One pass, no backtracking: letters, digits, + and /, then at most two = at the end.
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new DomainError("invalid", "archive must be base64", "archive");
  return Buffer.from(compact, "base64");
}
