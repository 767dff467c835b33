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
 * The agent route's lines (one per failed call; per call at debug level). They hold only ids, codes and
 * numbers, built field by field in lib/gateway/with-budget-key.ts, so they skip the redaction pass, and
 * go through a buffer (written at 4 KiB, each second, and at exit) rather than a write each, which counts
 * when a misbehaving agent fails thousands of calls a second. A crash that kills the process outright can
 * lose the last second of these lines, never other logs.
 */
const accessDestination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => accessDestination.flush(), 1_000).unref();
export const accessLogger = pino({ level: level(), base: { service: "vaultline" } }, accessDestination);
