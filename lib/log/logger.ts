// Structured logs (pino, JSON lines on stdout). Log ids and codes; the redact paths are a second line of
// defence should a secret-bearing object ever be logged by mistake.
import pino from "pino";
import { env } from "@/lib/env";

export const REDACT_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "key",
  "*.key",
  "value",
  "*.value",
  "secret",
  "*.secret",
  "fields",
  "*.fields",
  "headers.authorization",
  "*.headers.authorization",
  "headers.cookie",
  "*.headers.cookie",
  "variables",
  "*.variables",
];

function level(): string {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info"; // the configuration error itself is reported where env() is first called
  }
}

export const logger = pino({
  level: level(),
  base: { service: "vaultline" },
  redact: { paths: REDACT_PATHS, censor: "[redacted]" },
});

/**
 * The agent route's one line per call. It logs only ids, codes and numbers, built field by field in
 * lib/gateway/with-budget-key.ts, so it skips the redaction pass (a measurable cost on every call).
 */
export const accessLogger = logger.child({}, { redact: [] });
