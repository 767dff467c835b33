// Calls a vendor: a deadline, a response size cap, redirects followed only within the same origin (a
// credential never goes to another host), and only global addresses that are not the host's own
// (address-policy.ts) unless configured. Plain node:http with the keep-alive pools of the caller's tool
// (lib/gateway/state/bulkheads.ts: a hanging tool cannot take another's sockets), and callbacks rather
// than promises: this is the hot path (lib/gateway/with-budget-key.ts says why). The agent's own headers
// are never forwarded.
import http from "node:http";
import https from "node:https";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { InvokeError } from "@/lib/services/errors";
import { isDisallowedAddress } from "@/lib/services/invoke/address-policy";
import type { TOutboundRequest } from "@/lib/services/invoke/outbound-request";

const MAX_REDIRECTS = 3;

export type TVendorResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
export type TVendorPolicy = { timeoutMs: number; maxBytes: number; allowPrivate: boolean };
/** The keep-alive pools a call's sockets come from. */
export type TVendorPools = { "http:": http.Agent; "https:": https.Agent };
/** Called once: with the vendor's final answer, or with why there is none. */
export type TVendorDone = (error: InvokeError | null, response?: TVendorResponse) => void;

export function callVendor(request: TOutboundRequest, policy: TVendorPolicy, pools: TVendorPools, done: TVendorDone): void {
  send(request, policy, pools, Date.now() + policy.timeoutMs, 0, done);
}

function send(request: TOutboundRequest, policy: TVendorPolicy, pools: TVendorPools, deadline: number, hop: number, done: TVendorDone): void {
  const { url } = request;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!policy.allowPrivate && isIP(host) && isDisallowedAddress(host)) return done(destinationRefused());
  const remaining = deadline - Date.now();
  if (remaining <= 0) return done(timeout());

  let settled = false;
  // The whole request was handed to the vendor's connection: from then on it may have done the work, so a
  // dropped connection is charged (AGENT_ERROR_CODES says which outcomes are).
  let sent = false;
  const lost = () =>
    sent
      ? new InvokeError("vendor_connection_lost", 502, "The vendor took the request, then closed the connection before answering in full.")
      : new InvokeError("vendor_unreachable", 502, "The vendor could not be reached.");
  // Every way out goes through here once: the timer, the size cap and socket errors all end the request.
  const fail = (error: InvokeError | null) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    req.destroy();
    done(error ?? lost());
  };
  const client = url.protocol === "https:" ? https : http;
  // Plain options: given a URL and options, http.request converts the one and merges the two on every call.
  let req: http.ClientRequest;
  try {
    req = client.request(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port,
        path: url.pathname + url.search,
        method: request.method,
        // Node sets the content-length of the body given to end().
        headers: request.headers,
        agent: pools[url.protocol as "http:" | "https:"],
        lookup: policy.allowPrivate ? undefined : guardedLookup,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > policy.maxBytes) fail(new InvokeError("vendor_response_too_large", 502, `The vendor's answer exceeds ${policy.maxBytes} bytes.`));
          else chunks.push(chunk);
        });
        res.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const response = { status: res.statusCode ?? 502, headers: res.headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
          const next = redirection(request, response, hop);
          if (next instanceof InvokeError) done(next);
          else if (next) send(next, policy, pools, deadline, hop + 1, done);
          else done(null, response);
        });
        res.on("error", () => fail(null));
        res.on("close", () => {
          sent = true; // it began answering: it had the request
          if (!settled) fail(lost());
        });
      },
    );
  } catch {
    // Node refuses a header value it cannot send (a credential holding characters outside Latin-1).
    return done(new InvokeError("vendor_request_invalid", 502, "The request to the vendor could not be built from the tool and its credential."));
  }
  const timer = setTimeout(() => fail(timeout()), remaining);
  req.on("finish", () => (sent = true));
  req.on("error", (error) => fail(error instanceof InvokeError ? error : null));
  req.end(request.body ?? undefined);
}

/** The request to follow a redirect with, null when the answer is final, or why it is not followed. */
function redirection(request: TOutboundRequest, response: TVendorResponse, hop: number): TOutboundRequest | InvokeError | null {
  const location = response.headers.location;
  if (response.status < 300 || response.status > 399 || response.status === 304 || !location) return null;
  if (hop >= MAX_REDIRECTS) return new InvokeError("vendor_error", 502, "The vendor redirected too many times.");
  const next = URL.parse(location, request.url);
  if (!next) return new InvokeError("vendor_error", 502, "The vendor redirected to an invalid location.");
  if (next.origin !== request.url.origin) {
    return new InvokeError("redirect_not_allowed", 502, "The vendor redirected to another host; the credential was not sent there.", {
      vendorStatus: response.status,
    });
  }
  // 303 (and 301/302 after POST, as browsers do) turn into a GET without body.
  const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && request.method === "POST");
  return toGet ? { ...request, method: "GET", url: next, body: null, headers: withoutContentType(request.headers) } : { ...request, url: next };
}

function withoutContentType(headers: Record<string, string>): Record<string, string> {
  const { ["content-type"]: _, ...rest } = headers;
  return rest;
}

/** DNS lookup that refuses names resolving to a disallowed address (checked on the address connected to). */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    if (addresses.some((a) => isDisallowedAddress(a.address))) return callback(destinationRefused(), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

function destinationRefused(): InvokeError {
  return new InvokeError("destination_not_allowed", 403, "The tool's endpoint is not a globally routable address, or is this server's own; it is not called.");
}

function timeout(): InvokeError {
  return new InvokeError("vendor_timeout", 504, "The vendor did not answer in time.");
}
