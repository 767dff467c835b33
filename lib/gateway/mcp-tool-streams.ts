// MCP's server-to-client stream (GET /mcp): how a client hears `notifications/tools/list_changed` when
// what its budget key may call changes (a tool added or removed, a credential set up or unreadable).
//
// Stateless like the rest of /mcp: a stream belongs to a budget key, not to a session, so any gateway
// copy can hold it, and a client whose stream ends (a restart, a copy going away) opens another one,
// which the SDK's client does by itself. Each event's id is a digest of the tool list the stream last
// told about; a client reconnecting with Last-Event-ID hears at once of a change made while it was away.
//
// When to look: after every drop of the call plans (any change announced in this process or another,
// lib/gateway/state/call-plans.ts), coalesced, and on each keep-alive, which also catches what only a
// plan's expiry reveals (a write made outside Vaultline).
import type { ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { keyTools, type TKeyTool } from "@/lib/gateway/key-tools";
import { onPlansDropped } from "@/lib/gateway/state/call-plans";
import { UnauthenticatedError } from "@/lib/services/errors";

const KEEPALIVE_MS = 15_000;
// Changes come in bursts (a form saves a credential and binds it): one look after the burst.
const RECHECK_DELAY_MS = 100;
// What a client waits before reconnecting a stream that ended.
const RECONNECT_MS = 1_000;
const MAX_STREAMS_PER_KEY = 8;
const LIST_CHANGED = JSON.stringify({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });

type TKeyStreams = { authorization: string; digest: string; streams: Set<ServerResponse> };
type TState = { keys: Map<string, TKeyStreams>; timer?: NodeJS.Timeout; keepalive?: NodeJS.Timeout; listening?: boolean };
const state: TState = { keys: new Map() };

/** The stream's answer once the key is checked: an error (UNAUTHENTICATED, unavailable) or the open stream. */
export function openToolStream(res: ServerResponse, keyHash: string, authorization: string, lastEventId: string | undefined, refused: (error: unknown) => void): void {
  keyTools(authorization, (error, tools) => {
    if (error) return refused(error);
    if (res.destroyed) return;
    listen();
    const digest = digestOf(tools!);
    let entry = state.keys.get(keyHash);
    if (!entry) state.keys.set(keyHash, (entry = { authorization, digest, streams: new Set() }));
    entry.digest = digest;
    // A client opening stream after stream (a reconnect loop) keeps the newest ones.
    if (entry.streams.size >= MAX_STREAMS_PER_KEY) entry.streams.values().next().value!.end();
    entry.streams.add(res);
    res.once("close", () => {
      entry.streams.delete(res);
      if (entry.streams.size === 0 && state.keys.get(keyHash) === entry) state.keys.delete(keyHash);
    });
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", "x-accel-buffering": "no" });
    res.write(`retry: ${RECONNECT_MS}\n`);
    // The list changed since the client last heard: tell it now. Otherwise a priming event (an id, no data).
    res.write(lastEventId !== undefined && lastEventId !== digest ? event(digest, LIST_CHANGED) : event(digest, ""));
  });
}

/** Ends every stream (the gateway is stopping): clients reconnect to whichever copy is up. */
export function endToolStreams(): void {
  for (const entry of state.keys.values()) for (const res of entry.streams) res.end();
  state.keys.clear();
}

function listen(): void {
  if (state.listening) return;
  state.listening = true;
  onPlansDropped(() => {
    if (state.keys.size > 0) state.timer ??= setTimeout(recheck, RECHECK_DELAY_MS);
  });
  state.keepalive = setInterval(() => {
    for (const entry of state.keys.values()) for (const res of entry.streams) res.write(": keep-alive\n\n");
    recheck();
  }, KEEPALIVE_MS).unref();
}

function recheck(): void {
  state.timer = undefined;
  for (const [keyHash, entry] of state.keys) {
    keyTools(entry.authorization, (error, tools) => {
      if (state.keys.get(keyHash) !== entry) return;
      if (error) {
        // Revoked: the stream has nothing left to say. Any other error (the database is away): look later.
        if (error instanceof UnauthenticatedError) {
          for (const res of entry.streams) res.end();
          state.keys.delete(keyHash);
        }
        return;
      }
      const digest = digestOf(tools!);
      if (digest === entry.digest) return;
      entry.digest = digest;
      for (const res of entry.streams) res.write(event(digest, LIST_CHANGED));
    });
  }
}

/** What a client sees of the list (tools/list), reduced to a short id. */
function digestOf(tools: TKeyTool[]): string {
  return createHash("sha256").update(JSON.stringify(tools)).digest("base64url").slice(0, 22);
}

function event(id: string, data: string): string {
  return `id: ${id}\ndata: ${data}\n\n`;
}
