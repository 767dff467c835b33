// Slows password guessing: after MAX_FAILURES wrong passwords for one e-mail within WINDOW_MS, further
// attempts for it are refused without even running bcrypt, until the window has passed. In memory, per
// process: enough for one server; several servers each keep their own count.
const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 100_000;

const failures = new Map<string, { count: number; since: number }>();

export function isThrottled(email: string, now = Date.now()): boolean {
  const entry = failures.get(email);
  if (!entry) return false;
  if (now - entry.since > WINDOW_MS) {
    failures.delete(email);
    return false;
  }
  return entry.count >= MAX_FAILURES;
}

export function recordFailure(email: string, now = Date.now()): void {
  const entry = failures.get(email);
  if (!entry || now - entry.since > WINDOW_MS) {
    if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value!);
    failures.set(email, { count: 1, since: now });
  } else {
    entry.count += 1;
  }
}

export function clearFailures(email: string): void {
  failures.delete(email);
}
