// Retention of raw usage records: every hour (and a minute after start), each gateway drops the raw
// collections of days older than VAULTLINE_USAGE_RETENTION_DAYS, one day at a time (usage-store.ts says
// why whole days: FerretDB pushes down no delete's filter, and has no TTL indexes). Daily roll-ups stay.
// Several gateways sweeping at once is harmless: a day dropped twice is dropped once.
import { env } from "@/lib/env";
import { databaseReachable } from "@/lib/db/health";
import { dropExpiredRawUsage } from "@/lib/services/usage/usage-store";
import { logger } from "@/lib/log/logger";

const FIRST_SWEEP_MS = 60_000;
const SWEEP_EVERY_MS = 3_600_000;

let started = false;

export function startUsageSweeper(): void {
  if (started) return;
  started = true;
  const sweep = () => {
    if (!databaseReachable()) return; // the next hour will do
    dropExpiredRawUsage(env().VAULTLINE_USAGE_RETENTION_DAYS)
      .then((days) => {
        if (days.length) logger.info({ days }, "usage: raw records of expired days dropped (daily totals kept)");
      })
      .catch((error: unknown) => logger.warn({ err: error instanceof Error ? { message: error.message } : String(error) }, "usage: retention sweep failed; next try in an hour"));
  };
  setTimeout(sweep, FIRST_SWEEP_MS).unref();
  setInterval(sweep, SWEEP_EVERY_MS).unref();
}
