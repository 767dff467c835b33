// Slows password guessing without letting anyone lock an owner out. Two counts of wrong passwords within
// WINDOW_MS, each refusing further attempts (without even running bcrypt) once full, until its window
// has passed:
// - per e-mail and client address (MAX_PER_PAIR): one client guessing one account. The owner, signing in
//   from another address, is not affected by it: knowing someone's e-mail no longer keeps them out.
// - per client address (MAX_PER_CLIENT): one client trying a few passwords on many accounts (spraying).
// The client address is what the gateway saw (lib/net/trusted-proxies.ts); an IPv6 client is counted by
// its /64, the block one subscriber usually gets. In memory, per process: enough for one server; several
// servers each keep their own count.
import { isIP } from "node:net";

export const MAX_PER_PAIR = 10;
export const MAX_PER_CLIENT = 50;
export const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 100_000;

const failures = new Map<string, { count: number; since: number }>();

/** The client as counted: an IPv4 address, or an IPv6 address's first 64 bits. */
export function clientKey(address: string): string {
  if (isIP(address) !== 6) return address || "unknown";
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

const keys = (email: string, address: string) => {
  const client = clientKey(address);
  return { pair: `pair ${client} ${email}`, client: `client ${client}` };
};

function full(key: string, max: number, now: number): boolean {
  const entry = failures.get(key);
  if (!entry) return false;
  if (now - entry.since > WINDOW_MS) {
    failures.delete(key);
    return false;
  }
  return entry.count >= max;
}

function count(key: string, now: number): void {
  const entry = failures.get(key);
  if (!entry || now - entry.since > WINDOW_MS) {
    if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value!);
    failures.set(key, { count: 1, since: now });
  } else {
    entry.count += 1;
  }
}

/** Whether an attempt for `email` from `address` is refused unheard. */
export function isThrottled(email: string, address: string, now = Date.now()): boolean {
  const k = keys(email, address);
  return full(k.pair, MAX_PER_PAIR, now) || full(k.client, MAX_PER_CLIENT, now);
}

export function recordFailure(email: string, address: string, now = Date.now()): void {
  const k = keys(email, address);
  count(k.pair, now);
  count(k.client, now);
}

/** A right password clears its pair only: a client that sprays with one account of its own stays counted. */
export function clearFailures(email: string, address: string): void {
  failures.delete(keys(email, address).pair);
}
