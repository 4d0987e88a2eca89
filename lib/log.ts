// Structured JSON logs. Secrets never reach a log line: the redaction list names every field
// that could carry one, wherever it sits in the logged object.
import pino, { type DestinationStream } from "pino";

const REDACT = [
  "password", "*.password", "token", "*.token", "secret", "*.secret", "passwordHash", "*.passwordHash",
  "tokenHash", "*.tokenHash", "authorization", "*.authorization", "cookie", "*.cookie",
  'headers["ph-auth-token"]', '*.headers["ph-auth-token"]', "headers.authorization", "headers.cookie",
];

export function createLogger(destination?: DestinationStream) {
  return pino(
    {
      level: process.env.LOG_LEVEL || "info",
      base: { service: "vigil" },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const log = createLogger();

export type Logger = typeof log;
