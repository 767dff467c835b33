// Who is making the changes of the current request, for the audit trail: set once by each transport
// (GraphQL, server actions, the admin command line, sign-in) around the service call, read by the audit
// service alone. Services keep taking the actor first for authorization; this only adds how it came
// (session or token), from where, and the request's id.
import { AsyncLocalStorage } from "node:async_hooks";

// "agent": a budget key's calls (counted secret use, written by the gateway).
export type TAuditVia = "session" | "token" | "admin" | "agent" | "anonymous";
export type TAuditContext = { via: TAuditVia; viaId?: string | null; source?: string | null; requestId?: string | null };

const storage = new AsyncLocalStorage<TAuditContext>();

export function withAuditContext<T>(context: TAuditContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentAuditContext(): TAuditContext | undefined {
  return storage.getStore();
}

/** The context of a request made by `actor` (a session, or a token when it carries one). */
export function requestAuditContext(actor: { kind: string; userId?: string; tokenId?: string }, source: string, requestId: string): TAuditContext {
  if (actor.kind !== "user") return { via: "anonymous", viaId: null, source: source || null, requestId };
  return actor.tokenId
    ? { via: "token", viaId: actor.tokenId, source: source || null, requestId }
    : { via: "session", viaId: actor.userId ?? null, source: source || null, requestId };
}
