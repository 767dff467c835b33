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
 * lib/gateway/with-budget-key.ts, so it skips the redaction pass. It writes through a buffer (written at
 * 4 KiB, each second, and at exit): a write per call cost about a tenth of the route's CPU time. A crash
 * that kills the process outright can lose the last second of access lines, never other logs.
 */
const accessDestination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => accessDestination.flush(), 1_000).unref();
export const accessLogger = pino({ level: level(), base: { service: "vaultline" } }, accessDestination);
