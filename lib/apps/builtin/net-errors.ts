// The socket-level failures every connection-oriented app (SMTP, LDAP, SSH, IMAP) meets, told
// the same way: which server, what happened, what to check. A refused or reset connection is
// worth retrying (TransientError, as README's apps section says); a name that does not resolve,
// a rejected certificate or a server that does not answer in the asset's time is not.
import { TransientError } from "@/lib/apps/sdk";

const CERT = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ERR_TLS/;

/** The errno-style code of an error or of its cause, when there is one. */
export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * A clear error for a socket-level failure reaching `where` ("smtp.example.org:587"), or
 * undefined when `err` is not one (the caller then reads the protocol's own error).
 */
export function networkProblem(err: unknown, where: string, timeoutS: number, verifyHint: string): Error | undefined {
  const code = errorCode(err) ?? "";
  const text = err instanceof Error ? err.message : String(err);
  if (code === "ECONNREFUSED" || /ECONNREFUSED/.test(text)) return new TransientError(`connection refused by ${where}: is the server running and the port right?`);
  if (code === "ECONNRESET" || code === "EPIPE" || /ECONNRESET/.test(text)) return new TransientError(`the connection to ${where} was reset`);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || /ENOTFOUND|EAI_AGAIN/.test(text)) return new Error(`cannot resolve the host name of ${where}`);
  if (code === "ETIMEDOUT" || /timed? ?out/i.test(text)) return new Error(`no answer from ${where} within ${timeoutS} s (the asset's timeout)`);
  if (CERT.test(code) || /certificate/i.test(text)) return new Error(`the TLS certificate of ${where} was not accepted (${text}); ${verifyHint}`);
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return new TransientError(`no route to ${where}`);
  return undefined;
}
