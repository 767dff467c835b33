// Calendar periods of a budget's spend windows (day, week from Monday, month), in the budget's IANA time
// zone. A period's key names its counter document (models/spend-window.ts: `<budgetId>:<key>`), so a new
// day starts a new counter by itself, with nothing to reset.
export const WINDOW_KINDS = ["day", "week", "month"] as const;
export type TWindowKind = (typeof WINDOW_KINDS)[number];

export type TPeriod = { kind: TWindowKind; key: string; startsAt: Date; resetsAt: Date };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a zone the runtime does not know. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(zone, found);
  }
  return found;
}

type TWall = { y: number; m: number; d: number; h: number; min: number; s: number };

function wall(at: number, zone: string): TWall {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(at)) if (part.type !== "literal") parts[part.type] = Number(part.value);
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour!, min: parts.minute!, s: parts.second! };
}

/** The zone's offset from UTC at `at`, in ms. */
function offsetAt(at: number, zone: string): number {
  const w = wall(at, zone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(at / 1000) * 1000;
}

/** The instant of local midnight starting y-m-d in the zone (days before/after month ends roll over). */
function midnight(y: number, m: number, d: number, zone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  let at = guess - offsetAt(guess, zone);
  // Once more where the offset differs at the result (a DST change between the guess and midnight).
  at = guess - offsetAt(at, zone);
  return at;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The period of `kind` holding the instant `at` in `zone`. */
export function periodAt(kind: TWindowKind, at: number, zone: string): TPeriod {
  const w = wall(at, zone);
  if (kind === "day") {
    return { kind, key: `d${w.y}-${pad(w.m)}-${pad(w.d)}`, startsAt: new Date(midnight(w.y, w.m, w.d, zone)), resetsAt: new Date(midnight(w.y, w.m, w.d + 1, zone)) };
  }
  if (kind === "month") {
    return { kind, key: `m${w.y}-${pad(w.m)}`, startsAt: new Date(midnight(w.y, w.m, 1, zone)), resetsAt: new Date(midnight(w.y, w.m + 1, 1, zone)) };
  }
  // ISO weeks start on Monday.
  const weekday = (new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(w.y, w.m - 1, w.d - weekday));
  const [y, m, d] = [monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()];
  return { kind, key: `w${y}-${pad(m)}-${pad(d)}`, startsAt: new Date(midnight(y, m, d, zone)), resetsAt: new Date(midnight(y, m, d + 7, zone)) };
}
