// Structured JSON logs. Secrets never reach a log line: the redaction list names every field
// that could carry one, wherever it sits in the logged object.
import pino from "pino";

const redact = [
  "password", "*.password", "token", "*.token", "secret", "*.secret",
  "authorization", "*.authorization", "headers.authorization", "headers.cookie",
  "headers[\"ph-auth-token\"]", "*.passwordHash", "*.tokenHash",
];

export const log = pino({
  level: process.env.LOG_LEVEL || "info",
  base: { service: "vigil" },
  redact: { paths: redact, censor: "[redacted]" },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof log;
