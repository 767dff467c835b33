// Dashboard sessions that can be ended: next-auth's JWT cookie alone stays valid until it expires, so each
// cookie names a session id, listed per user (models/dashboard-sessions.ts) from sign-in to sign-out.
import { randomBytes } from "node:crypto";
import { DashboardSessions } from "@/models/dashboard-sessions";
import { recordAudit } from "@/lib/services/audit/audit.service";

// The newest sessions a person keeps open at once (devices, browsers); signing in on one more ends the oldest.
const MAX_OPEN = 20;
// Each lost compare-and-set means another writer won: N sign-ins at once need up to N rounds.
const ATTEMPTS = 50;

type TOpen = { id: string; expiresAt: Date };

/**
 * Rewrites a person's list with `change`, as a compare-and-set on its version (the embedded database has no
 * working `$pull` by condition, and two sign-ins at once must not lose one another). Expired entries go
 * with every change, so the list stays short without a background job.
 */
async function changeOpen(userId: string, change: (open: TOpen[]) => TOpen[], now: Date): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = await DashboardSessions.findById(userId).lean();
    const open = change((doc?.open ?? []).filter((s) => s.expiresAt > now).map((s) => ({ id: s.id, expiresAt: s.expiresAt }))).slice(-MAX_OPEN);
    if (!doc) {
      try {
        await DashboardSessions.create({ _id: userId, open, version: 1 });
        return;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) continue; // another sign-in made it first
        throw error;
      }
    }
    const { modifiedCount } = await DashboardSessions.updateOne({ _id: userId, version: doc.version }, { $set: { open }, $inc: { version: 1 } });
    if (modifiedCount === 1) return;
    // Lost to a concurrent writer: let the others through before reading again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
  }
  throw new Error("the session list kept changing under this write");
}

/** Opens a session for `userId` lasting `maxAgeMs`; returns its id, for the cookie. */
export async function openSession(userId: string, maxAgeMs: number, now = new Date()): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  await changeOpen(userId, (open) => [...open, { id, expiresAt: new Date(now.getTime() + maxAgeMs) }], now);
  return id;
}

/** Whether session `id` of `userId` is open (signed in, not signed out, not expired). */
export async function isSessionOpen(userId: string, id: string, now = new Date()): Promise<boolean> {
  const doc = await DashboardSessions.findById(userId).lean();
  return Boolean(doc?.open.some((s) => s.id === id && s.expiresAt > now));
}

/** How many sessions of `userId` are open now (this one included). */
export async function countOpenSessions(userId: string, now = new Date()): Promise<number> {
  const doc = await DashboardSessions.findById(userId).lean();
  return doc?.open.filter((s) => s.expiresAt > now).length ?? 0;
}

/**
 * Ends every session of `userId` but `keepId` (the one asking): their cookies are refused from the next
 * request on. Returns how many were ended.
 */
export async function closeOtherSessions(userId: string, keepId: string | null, now = new Date()): Promise<number> {
  let ended = 0;
  await changeOpen(
    userId,
    (open) => {
      const kept = open.filter((s) => s.id === keepId);
      ended = open.length - kept.length;
      return kept;
    },
    now,
  );
  await recordAudit(userId, { action: "user.sessions_ended", target: { type: "user", id: userId }, details: { ended } });
  return ended;
}

/** Ends session `id` of `userId` (signing out): its cookie is refused from now on. */
export async function closeSession(userId: string, id: string, now = new Date()): Promise<void> {
  await changeOpen(userId, (open) => open.filter((s) => s.id !== id), now);
  await recordAudit(userId, { action: "user.signed_out", target: { type: "user", id: userId }, actor: { kind: "session", id: userId } });
}
