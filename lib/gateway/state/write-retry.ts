// Writes the gateway must not lose (usage records, spent totals, returned slices, held money): tried at
// once, and on failure kept and tried again each second, in order, until they succeed. Every such write
// is idempotent (apply-once.ts, or an insert with a fixed _id), so a retry never counts twice. The queue
// is bounded: past MAX_PENDING the oldest writes are dropped, with an error naming what was lost (a
// database away for hours at full speed). The log says once that writes are failing and once that they
// are through again.
import { gauge, recordDatabaseError } from "@/lib/gateway/metrics";
import { logger } from "@/lib/log/logger";

const MAX_PENDING = 100_000;
const RETRY_EVERY_MS = 1_000;

type TWrite = { what: string; run: () => Promise<void> };
// `chain`: every write runs after the one before it (one at a time, in the order they were asked for), so
// that "hold more" always lands before the "hold less" that follows it.
type TState = { pending: TWrite[]; chain: Promise<void>; timer?: NodeJS.Timeout; failing: boolean; dropped: number };
const slot = Symbol.for("vaultline.write-retry");
const state: TState = ((globalThis as Record<symbol, TState>)[slot] ??= { pending: [], chain: Promise.resolve(), failing: false, dropped: 0 });

gauge("vaultline_pending_writes", "Gateway writes waiting to be retried (the database was away).", () => state.pending.length);

/** Runs the write after those asked for before it: resolves once it is written, or queued for a retry. */
export function writeSurely(what: string, run: () => Promise<void>): Promise<void> {
  return serially(async () => {
    // A new write waits behind those already failing.
    if (state.pending.length === 0) {
      try {
        return await run();
      } catch (error) {
        noteFailure(what, error);
      }
    }
    enqueue({ what, run });
  });
}

/** Tries the queued writes now; resolves when the queue is empty or a write failed again. */
export function retryPendingWrites(): Promise<void> {
  return serially(async () => {
    while (state.pending.length) {
      const write = state.pending[0]!;
      try {
        await write.run();
      } catch (error) {
        noteFailure(write.what, error);
        return;
      }
      state.pending.shift();
    }
    if (state.failing) {
      state.failing = false;
      logger.warn({ dropped: state.dropped }, "gateway writes are through again");
    }
  });
}

export function pendingWrites(): number {
  return state.pending.length;
}

function serially(work: () => Promise<void>): Promise<void> {
  const next = state.chain.then(work);
  state.chain = next.catch(() => undefined);
  return next;
}

function enqueue(write: TWrite): void {
  state.pending.push(write);
  if (state.pending.length > MAX_PENDING) {
    const lost = state.pending.shift()!;
    state.dropped++;
    logger.error({ what: lost.what, dropped: state.dropped }, "a gateway write was dropped: too many pending");
  }
  state.timer ??= setInterval(() => {
    if (state.pending.length) void retryPendingWrites();
  }, RETRY_EVERY_MS).unref();
}

function noteFailure(what: string, error: unknown): void {
  recordDatabaseError(what);
  if (state.failing) return;
  state.failing = true;
  logger.error({ what, err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, "gateway writes are failing; retrying each second");
}
