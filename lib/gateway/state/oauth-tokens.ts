// What a gateway process holds of each OAuth 2 credential's tokens, and how they are refreshed.
//
// A holder lives in the call-plan cache (same life, dropped on every change), so a warm call reads its
// token synchronously. A token is refreshed ahead of its expiry in the background (when the holder was
// used since the last refresh), so warm calls never wait; a call that finds it expired waits for one
// refresh. At most one refresh request per credential is in flight across every process: in a process,
// callers share one promise; across processes, the refresh lease on the token record is taken with one
// guarded update (free or expired, like the budget slices' compare-and-set), and the others poll that
// record until its version moves. The provider's new tokens (a rotated refresh token included) are
// stored in the same single write that releases the lease: the old refresh token is never dropped before
// the new one is stored. A permanent refusal (invalid_grant, invalid_client) marks the credential as
// needing reconnection; a provider away leaves the still-valid token in use, else calls get a 503.
import { randomUUID } from "node:crypto";
import type { Binary } from "mongodb";
import { OAuthToken, type TOAuthToken } from "@/models/oauth-token";
import { decryptSecret, encryptSecret } from "@/lib/crypto/field-encryption";
import { logger } from "@/lib/log/logger";
import type { TOwnerId } from "@/lib/services/actor";
import { requestToken, TokenEndpointError, type TOAuthClient, type TTokenAnswer } from "@/lib/services/oauth/token-endpoint";
import { cached, onPlansDropped } from "@/lib/gateway/state/call-plans";
import { secretForms } from "@/lib/services/invoke/scrub";

const LEASE_MS = 15_000;
const POLL_MS = 50;
const WAIT_MS = 20_000;
/** A token this close to its expiry is not sent: it could expire on the way. */
const EXPIRY_MARGIN_MS = 500;
/** How far ahead of expiry the background refresh runs: a quarter of the token's life, within these bounds. */
const AHEAD_MIN_MS = 250;
const AHEAD_MAX_MS = 60_000;

const PROCESS_ID = randomUUID();

/** Where a credential's tokens come from. */
export type TTokenSource = {
  credentialId: string;
  ownerId: TOwnerId;
  grant: "client_credentials" | "authorization_code";
  tokenUrl: string;
  scopes: string[];
  /** The OAuth client that authenticates at the token endpoint; null when none is configured. */
  client: TOAuthClient | null;
};

export type TTokenHolder = {
  source: TTokenSource;
  accessToken: string | null;
  refreshToken: string | null;
  expiresAt: number | null;
  version: number;
  status: "ok" | "reconnect";
  /** Every form the tokens can take in an answer (scrubbed). */
  forms: string[];
  refreshing: Promise<void> | null;
  used: boolean;
  timer: NodeJS.Timeout | null;
};

const holderKey = (credentialId: string) => `oauth:${credentialId}`;

// The newest holder of each credential in this process: a holder replaced (its cache entry expired or
// dropped) stops its timer, so that no stale holder keeps tokens in memory or refreshes for nothing.
// On globalThis, like the rest of this folder.
const slot = Symbol.for("vaultline.oauth-holders");
const newest: Map<string, TTokenHolder> = ((globalThis as Record<symbol, Map<string, TTokenHolder>>)[slot] ??= new Map());

/** A change drops the plans and holders (call-plans.ts): the tokens of a deleted credential leave memory too. */
function forgetHolders(): void {
  for (const holder of newest.values()) if (holder.timer) clearTimeout(holder.timer);
  newest.clear();
}
onPlansDropped(forgetHolders);

/** The holder of a credential's tokens (one per process and credential, loaded once per plan life). */
export async function loadTokenHolder(source: TTokenSource): Promise<TTokenHolder> {
  const holder = await cached(holderKey(source.credentialId), async () => {
    const made: TTokenHolder = { source, accessToken: null, refreshToken: null, expiresAt: null, version: -1, status: "ok", forms: [], refreshing: null, used: false, timer: null };
    const previous = newest.get(source.credentialId);
    if (previous?.timer) clearTimeout(previous.timer);
    // Use since the last refresh carries over: the background refresh is for credentials in use.
    made.used = previous?.used ?? false;
    newest.set(source.credentialId, made);
    const stored = await OAuthToken.findById(source.credentialId).lean<TOAuthToken>();
    if (stored) await adopt(made, stored);
    return made;
  });
  return holder!;
}

/** The access token to send now, or null: then wait for `freshToken`. Synchronous: the warm path. */
export function usableToken(holder: TTokenHolder): string | null {
  holder.used = true;
  if (holder.status !== "ok" || !holder.accessToken) return null;
  if (holder.expiresAt !== null && holder.expiresAt - Date.now() < EXPIRY_MARGIN_MS) return null;
  return holder.accessToken;
}

/** Refreshes (once for all callers, across processes) and gives the token; throws TokenUnavailableError. */
export async function freshToken(holder: TTokenHolder): Promise<string> {
  holder.refreshing ??= refresh(holder).finally(() => (holder.refreshing = null));
  try {
    await holder.refreshing;
  } catch (error) {
    const stillValid = usableToken(holder);
    if (stillValid) return stillValid;
    throw error;
  }
  const token = usableToken(holder);
  if (token) return token;
  throw new TokenUnavailableError(holder.status === "reconnect" ? "reconnect" : "unavailable");
}

export class TokenUnavailableError extends Error {
  constructor(readonly reason: "reconnect" | "unavailable") {
    super(reason === "reconnect" ? "The provider refused the grant: reconnect the credential." : "No valid token could be obtained from the provider.");
  }
}

async function refresh(holder: TTokenHolder): Promise<void> {
  const { credentialId, ownerId } = holder.source;
  const deadline = Date.now() + WAIT_MS;
  await OAuthToken.updateOne({ _id: credentialId }, { $setOnInsert: { ownerId, version: 0, status: "ok" } }, { upsert: true });
  for (;;) {
    const now = new Date();
    const leased = await OAuthToken.findOneAndUpdate(
      { _id: credentialId, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
      { $set: { leaseUntil: new Date(now.getTime() + LEASE_MS), leaseHolder: PROCESS_ID } },
      { new: true },
    ).lean<TOAuthToken>();
    if (leased) return refreshUnderLease(holder, leased);
    // Another process is refreshing: its token arrives with a new version.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const stored = await OAuthToken.findById(credentialId).lean<TOAuthToken>();
    if (stored && (stored.version > holder.version || stored.status === "reconnect")) return adopt(holder, stored);
    if (Date.now() > deadline) throw new TokenUnavailableError("unavailable");
  }
}

async function refreshUnderLease(holder: TTokenHolder, leased: TOAuthToken): Promise<void> {
  const { credentialId, ownerId } = holder.source;
  const release = () => OAuthToken.updateOne({ _id: credentialId, leaseHolder: PROCESS_ID }, { $set: { leaseUntil: null, leaseHolder: null } });
  // Someone stored a newer token, still good, since this holder read it (or the grant is dead): use that one.
  if ((leased.version > holder.version && storedUsable(leased)) || leased.status === "reconnect") {
    await release();
    return adopt(holder, leased);
  }
  const refreshToken = leased.refreshCipher ? await decryptSecret(leased.refreshCipher as Binary) : null;
  let answer: TTokenAnswer;
  try {
    answer = await grant(holder.source, refreshToken);
  } catch (error) {
    if (error instanceof TokenEndpointError && error.permanent) {
      const marked = await OAuthToken.findOneAndUpdate(
        { _id: credentialId, leaseHolder: PROCESS_ID },
        { $set: { status: "reconnect", leaseUntil: null, leaseHolder: null, updatedAt: new Date() }, $inc: { version: 1 } },
        { new: true },
      ).lean<TOAuthToken>();
      logger.warn({ credentialId, oauthError: error.oauthError }, "the provider refused the grant; the credential needs reconnecting");
      if (marked) return adopt(holder, marked);
      return;
    }
    await release();
    logger.warn({ credentialId, oauthError: error instanceof TokenEndpointError ? error.oauthError : "unknown" }, "token refresh failed; will try again");
    throw new TokenUnavailableError("unavailable");
  }
  const owner = ownerId.toHexString();
  const stored = await OAuthToken.findOneAndUpdate(
    { _id: credentialId, leaseHolder: PROCESS_ID },
    {
      $set: {
        accessCipher: await encryptSecret(owner, answer.accessToken),
        // A rotated refresh token replaces the old one in this same write; none given: the old one stays.
        refreshCipher: answer.refreshToken ? await encryptSecret(owner, answer.refreshToken) : leased.refreshCipher,
        expiresAt: answer.expiresAt,
        status: "ok",
        leaseUntil: null,
        leaseHolder: null,
        updatedAt: new Date(),
      },
      $inc: { version: 1 },
    },
    { new: true },
  ).lean<TOAuthToken>();
  // The lease ran out and another process took it: its tokens are the ones to use.
  return adopt(holder, stored ?? (await OAuthToken.findById(credentialId).lean<TOAuthToken>())!);
}

function storedUsable(stored: TOAuthToken): boolean {
  return !!stored.accessCipher && (!stored.expiresAt || stored.expiresAt.getTime() - Date.now() > EXPIRY_MARGIN_MS);
}

function grant(source: TTokenSource, refreshToken: string | null): Promise<TTokenAnswer> {
  if (!source.client) return Promise.reject(new TokenEndpointError(true, "no_client_configured"));
  const scope: Record<string, string> = source.scopes.length ? { scope: source.scopes.join(" ") } : {};
  if (source.grant === "client_credentials") return requestToken(source.tokenUrl, source.client, { grant_type: "client_credentials", ...scope });
  if (!refreshToken) return Promise.reject(new TokenEndpointError(true, "no_refresh_token"));
  return requestToken(source.tokenUrl, source.client, { grant_type: "refresh_token", refresh_token: refreshToken });
}

/** Takes a stored record's tokens into the holder and schedules the refresh ahead of expiry. */
async function adopt(holder: TTokenHolder, stored: TOAuthToken): Promise<void> {
  if (stored.version < holder.version) return;
  holder.accessToken = stored.accessCipher ? await decryptSecret(stored.accessCipher as Binary) : null;
  holder.refreshToken = stored.refreshCipher ? await decryptSecret(stored.refreshCipher as Binary) : null;
  holder.expiresAt = stored.expiresAt ? stored.expiresAt.getTime() : null;
  holder.version = stored.version;
  holder.status = stored.status;
  holder.forms = secretForms([holder.accessToken, holder.refreshToken].filter((t): t is string => !!t));
  scheduleAhead(holder);
}

function scheduleAhead(holder: TTokenHolder): void {
  if (holder.timer) clearTimeout(holder.timer);
  holder.timer = null;
  if (holder.status !== "ok" || holder.expiresAt === null) return;
  const left = holder.expiresAt - Date.now();
  const ahead = Math.min(AHEAD_MAX_MS, Math.max(AHEAD_MIN_MS, left / 4));
  holder.timer = setTimeout(() => {
    holder.timer = null;
    // Only for the newest holder, used since the last refresh: an idle credential waits for a call.
    if (newest.get(holder.source.credentialId) !== holder || !holder.used) return;
    holder.used = false;
    holder.refreshing ??= refresh(holder)
      .catch((error: unknown) => logger.warn({ credentialId: holder.source.credentialId, err: error instanceof Error ? error.message : "unknown" }, "background token refresh failed"))
      .finally(() => (holder.refreshing = null));
  }, Math.max(0, left - ahead));
  holder.timer.unref();
}
