// Calls per minute per budget key and per budget, held across gateway copies without a database write per
// call. Each minute of a scope (`k<key id>`, `b<budget id>`) has a counter document (models/rate-window.ts)
// of the calls gateways have taken a share of; a gateway takes a share (a twentieth of the limit) with
// one guarded update that never lets the shares pass the limit, admits calls from it in memory, and
// takes the next share in the background when a quarter is left. So the limit is never exceeded, and
// what goes unadmitted is at most the unused shares copies hold at the minute's end: with a twentieth
// each, two copies admit at least 90% of the limit under load. The first share of the next minute is
// taken in the last seconds of this one, so that a busy key does not wait at each minute's start.
import { RateWindow } from "@/models/rate-window";
import { isUnreachableError } from "@/lib/db/health";
import { logger } from "@/lib/log/logger";

const SHARE_FRACTION = 0.05;
const TOP_UP_AT = 0.25;
const PRECLAIM_MS = 3_000;
const MAX_SCOPES = 50_000;

type TShare = { minute: number; left: number; exhausted: boolean; claiming?: Promise<void>; lastShare: number };
type TScope = { limit: number; now: TShare; next?: TShare };
type TState = { scopes: Map<string, TScope> };
const slot = Symbol.for("vaultline.rate-limits");
const state: TState = ((globalThis as Record<symbol, TState>)[slot] ??= { scopes: new Map() });

/** Seconds until the minute after `now` starts. */
const secondsToNextMinute = (now: number) => Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000));

/**
 * Admits one call in `scope` if its limit allows: `done(0)` at once when this gateway's share has room
 * (nearly always), else once a new share is taken; `done(seconds)` with the Retry-After when the minute's
 * limit is used up. A limit of 0 admits everything.
 */
export function admit(scope: string, limit: number, done: (retryAfterSeconds: number) => void): void {
  if (limit <= 0) return done(0);
  const now = Date.now();
  const minute = Math.floor(now / 60_000);
  const entry = scopeOf(scope, limit, minute);
  const share = entry.now;
  if (share.left > 0) {
    share.left--;
    if (!share.exhausted && !share.claiming && share.left <= share.lastShare * TOP_UP_AT) void claim(scope, entry, share);
    if (60_000 - (now % 60_000) < PRECLAIM_MS && !entry.next) {
      entry.next = { minute: minute + 1, left: 0, exhausted: false, lastShare: 0 };
      void claim(scope, entry, entry.next);
    }
    return done(0);
  }
  if (share.exhausted) return done(secondsToNextMinute(now));
  claim(scope, entry, share).then(
    () => admit(scope, limit, done),
    () => done(0), // the database is away: the limit cannot be counted, and the call is not refused for it
  );
}

function scopeOf(scope: string, limit: number, minute: number): TScope {
  let entry = state.scopes.get(scope);
  if (!entry) {
    if (state.scopes.size >= MAX_SCOPES) state.scopes.delete(state.scopes.keys().next().value!);
    entry = { limit, now: { minute, left: 0, exhausted: false, lastShare: 0 } };
    state.scopes.set(scope, entry);
  }
  // A changed limit applies from the next share.
  entry.limit = limit;
  if (entry.now.minute !== minute) {
    entry.now = entry.next?.minute === minute ? entry.next : { minute, left: 0, exhausted: false, lastShare: 0 };
    entry.next = undefined;
  }
  return entry;
}

/** Takes one share of the minute's calls (concurrent callers share one claim). */
function claim(scope: string, entry: TScope, share: TShare): Promise<void> {
  share.claiming ??= takeShare(`${scope}:${share.minute}`, entry.limit)
    .then((taken) => {
      if (taken === 0) share.exhausted = true;
      share.left += taken;
      share.lastShare = taken;
    })
    .catch((error: unknown) => {
      if (!isUnreachableError(error)) logger.error({ err: error, scope }, "could not take a rate-limit share");
      throw error;
    })
    .finally(() => (share.claiming = undefined));
  return share.claiming;
}

/** Takes up to a share of a minute's calls, never past the limit; 0 when none is left. */
async function takeShare(_id: string, limit: number): Promise<number> {
  let wanted = Math.max(1, Math.ceil(limit * SHARE_FRACTION));
  for (let attempt = 0; attempt < 8; attempt++) {
    // One command: the guard matches while room is left; a minute not started yet is inserted.
    const took = await RateWindow.updateOne({ _id, taken: { $lte: limit - wanted } }, { $inc: { taken: wanted } }, { upsert: true }).then(
      () => true,
      (error: { code?: number }) => (error.code === 11000 ? false : Promise.reject(error)),
    );
    if (took) return wanted;
    const found = await RateWindow.findById(_id, { taken: 1 }).lean();
    const room = limit - (found?.taken ?? 0);
    if (room <= 0) return 0;
    wanted = Math.min(wanted, room);
  }
  return 0;
}
