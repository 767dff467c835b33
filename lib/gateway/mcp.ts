// MCP over Streamable HTTP at /mcp, with the budget key as bearer token: a thin JSON-RPC handler of our
// own, typed with the official SDK's types and constants. Measured here, the SDK's stateless transport
// created per request served about a tenth of this handler's calls (ARCHITECTURE.md has the figures).
//
// Stateless across requests, so a client survives a gateway restart or lands on any copy:
// - POST answers each request with one JSON body (the transport allows it); tools/call goes through
//   callAgentTool, the very path of the REST route.
// - GET opens the server-to-client stream that carries notifications/tools/list_changed
//   (mcp-tool-streams.ts); it belongs to the key, not to a session.
// - The session id given at initialize holds no state: it only carries what the client declared that
//   later requests must know (URL-mode elicitation), so any copy reads it. Lying in it changes nothing
//   but how that client's own errors are shaped.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { ErrorCode, LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/sdk/types.js";
import type { CallToolResult, InitializeResult, ListToolsResult } from "@modelcontextprotocol/sdk/types.js";
import { env } from "@/lib/env";
import { callAgentTool, readJson, sendJson, toErrorBody, type TCallOutcome, type TErrorBody } from "@/lib/gateway/with-budget-key";
import { keyTools, type TKeyTool } from "@/lib/gateway/key-tools";
import { openToolStream } from "@/lib/gateway/mcp-tool-streams";
import { UnauthenticatedError } from "@/lib/services/errors";
import { budgetKeyHash } from "@/lib/services/invoke/invoke.service";

// Batches were removed from the protocol in 2025-06-18; older versions may send them.
const LAST_VERSION_WITH_BATCHES = "2025-03-26";
// What a request without the MCP-Protocol-Version header is taken to speak (the transport's rule).
const VERSION_WITHOUT_HEADER = "2025-03-26";
// URL-mode elicitation (and its error, -32042) came with this version.
const FIRST_VERSION_WITH_URL_ELICITATION = "2025-11-25";
// A session id's suffix when the client declared URL-mode elicitation.
const URL_ELICITATION_FLAG = ".url";
const SERVER_INFO = { name: "vaultline", version: "0.1.0" };
const INSTRUCTIONS =
  "Vaultline calls each tool's vendor with a credential stored for your budget key; you never see it. " +
  "A call costs the tool's cents from the budget. A tool that needs setting up answers with a link for the person.";

type TId = string | number;
type TMessage = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
type TAnswer = { jsonrpc: "2.0"; id: TId | null; result?: unknown; error?: { code: number; message: string; data?: unknown } };
/** Who is asking, as every message of the request needs it. */
type TClient = { authorization: string | undefined; urlElicitation: boolean };
/** Called once per request message: with its answer, or with null for a notification or a response. */
type TAnswered = (answer: TAnswer | null) => void;

/** Thrown to end the whole HTTP request with a status (the key is refused, a header is wrong). */
class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function handleMcp(req: IncomingMessage, res: ServerResponse): void {
  try {
    checkOrigin(req.headers.origin);
    if (req.method !== "POST" && req.method !== "GET") throw new HttpRefusal(405, ErrorCode.ConnectionClosed, "Use POST, or GET for the notification stream: sessions hold nothing to end.", { allow: "GET, POST" });
    // Checked before the body is read: no valid key, nothing else to learn.
    const keyHash = budgetKeyHash(req.headers.authorization);
    const version = req.headers["mcp-protocol-version"];
    if (typeof version === "string" && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      throw new HttpRefusal(400, ErrorCode.InvalidRequest, `Unsupported MCP-Protocol-Version ${version.slice(0, 40)}; supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")}.`);
    }
    const accept = req.headers.accept;
    if (req.method === "GET") {
      if (!/text\/event-stream/i.test(accept ?? "")) throw new HttpRefusal(406, ErrorCode.InvalidRequest, "Accept text/event-stream: GET opens the notification stream.");
      const lastEventId = req.headers["last-event-id"];
      return openToolStream(res, keyHash, req.headers.authorization!, typeof lastEventId === "string" ? lastEventId : undefined, (error) => refuse(res, error));
    }
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      throw new HttpRefusal(415, ErrorCode.InvalidRequest, "Send Content-Type: application/json.");
    }
    if (accept && !/application\/json|\*\/\*|application\/\*/i.test(accept)) throw new HttpRefusal(406, ErrorCode.InvalidRequest, "Accept application/json.");
    const spoken = typeof version === "string" ? version : VERSION_WITHOUT_HEADER;
    const session = req.headers["mcp-session-id"];
    const client: TClient = {
      authorization: req.headers.authorization,
      urlElicitation: spoken >= FIRST_VERSION_WITH_URL_ELICITATION && typeof session === "string" && session.endsWith(URL_ELICITATION_FLAG),
    };
    readJson(req, (error, body) => {
      if (error) return refuse(res, new HttpRefusal(error.status === 413 ? 413 : 400, ErrorCode.ParseError, error.message));
      handleBody(res, client, body, spoken);
    });
  } catch (error) {
    refuse(res, error);
  }
}

function checkOrigin(origin: string | undefined): void {
  // The transport's warning: a browser page must not reach a local server by DNS rebinding. Agents
  // (servers, desktop clients) send no Origin; a browser's must be Vaultline's own.
  if (origin !== undefined && origin !== new URL(env().APP_URL).origin) throw new HttpRefusal(403, ErrorCode.InvalidRequest, "This Origin may not call the MCP endpoint.");
}

function handleBody(res: ServerResponse, client: TClient, body: unknown, version: string): void {
  if (!Array.isArray(body)) {
    const params = (body as TMessage | null)?.params as { capabilities?: { elicitation?: { url?: unknown } } } | undefined;
    if ((body as TMessage | null)?.method === "initialize") res.setHeader("mcp-session-id", sessionId(params?.capabilities?.elicitation?.url !== undefined));
    return handleMessage(client, body, (answer) => {
      if (answer) reply(res, 200, answer);
      else accepted(res);
    }, (refusal) => refuse(res, refusal));
  }
  if (version > LAST_VERSION_WITH_BATCHES) return reply(res, 400, rpcError(null, ErrorCode.InvalidRequest, `Batches are not part of MCP ${version}: send one message per request.`));
  if (body.length === 0 || body.length > 100) return reply(res, 400, rpcError(null, ErrorCode.InvalidRequest, "A batch holds 1 to 100 messages."));
  const answers: (TAnswer | null)[] = [];
  let pending = body.length;
  let refused = false;
  body.forEach((message, i) =>
    handleMessage(client, message, (answer) => {
      answers[i] = answer;
      if (--pending > 0 || refused) return;
      const out = answers.filter((a): a is TAnswer => a !== null);
      if (out.length === 0) accepted(res);
      else reply(res, 200, out);
    }, (refusal) => {
      if (refused) return;
      refused = true;
      refuse(res, refusal);
    }),
  );
}

function handleMessage(client: TClient, raw: unknown, answered: TAnswered, refused: (error: unknown) => void): void {
  const message = (raw && typeof raw === "object" ? raw : {}) as TMessage;
  const id = typeof message.id === "string" || typeof message.id === "number" ? message.id : null;
  if (message.jsonrpc !== "2.0") return answered(rpcError(id, ErrorCode.InvalidRequest, 'Not a JSON-RPC 2.0 message ("jsonrpc": "2.0").'));
  // A notification (initialized, cancelled, ...) or a client's response: nothing to answer.
  if (typeof message.method !== "string") return answered(message.result !== undefined || message.error !== undefined ? null : rpcError(id, ErrorCode.InvalidRequest, "A request needs a method."));
  if (message.id === undefined) return answered(null);
  if (id === null) return answered(rpcError(null, ErrorCode.InvalidRequest, "A request id is a string or a number."));
  const params = (message.params && typeof message.params === "object" ? message.params : {}) as Record<string, unknown>;
  const method = message.method;

  if (method === "tools/call") return callTool(client, id, params, answered, refused);
  // Every other method checks the key too (and warms its plans for the calls to come).
  keyTools(client.authorization, (error, tools) => {
    if (error) return refused(error);
    switch (method) {
      case "initialize":
        return answered({ jsonrpc: "2.0", id, result: initializeResult(params.protocolVersion) });
      case "ping":
        return answered({ jsonrpc: "2.0", id, result: {} });
      case "tools/list":
        return answered({ jsonrpc: "2.0", id, result: { tools: tools!.map(mcpTool) } satisfies ListToolsResult });
      default:
        return answered(rpcError(id, ErrorCode.MethodNotFound, `Method not found: ${method.slice(0, 100)}`));
    }
  });
}

function initializeResult(requested: unknown): InitializeResult {
  // The client's version when we speak it, else our latest: the client then decides whether to go on.
  const protocolVersion = typeof requested === "string" && SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION;
  return { protocolVersion, capabilities: { tools: { listChanged: true } }, serverInfo: SERVER_INFO, instructions: INSTRUCTIONS };
}

function mcpTool(tool: TKeyTool): ListToolsResult["tools"][number] {
  const cost = tool.costCents > 0 ? ` Costs ${tool.costCents} cent${tool.costCents === 1 ? "" : "s"} per call.` : "";
  const setup = tool.setupUrl ? ` Not ready (${tool.state}): the person must set it up at ${tool.setupUrl}.` : "";
  return {
    name: tool.slug,
    title: tool.name,
    description: `${tool.description}${cost}${setup}`.trim(),
    inputSchema: tool.inputSchema as ListToolsResult["tools"][number]["inputSchema"],
  };
}

/** A new session id: random, with the one thing later requests must know about the client. */
function sessionId(urlElicitation: boolean): string {
  return `${randomUUID()}${urlElicitation ? URL_ELICITATION_FLAG : ""}`;
}

function callTool(client: TClient, id: TId, params: Record<string, unknown>, answered: TAnswered, refused: (error: unknown) => void): void {
  const name = params.name;
  if (typeof name !== "string") return answered(rpcError(id, ErrorCode.InvalidParams, "tools/call needs params.name, a tool's name."));
  const args = params.arguments ?? {};
  callAgentTool(client.authorization, name, { input: args }, (outcome) => {
    if (outcome.answer !== null) {
      const failed = outcome.vendorStatus !== null && outcome.vendorStatus >= 400;
      return answered({ jsonrpc: "2.0", id, result: { content: [{ type: "text", text: outcome.answer }], isError: failed } satisfies CallToolResult });
    }
    const error = outcome.error!.error;
    if (error.code === "unauthorized") return refused(new UnauthenticatedError(error.message));
    // The protocol's answer to a tool the client should not have asked for.
    if (error.code === "tool_not_allowed" || error.code === "not_found") return answered(rpcError(id, ErrorCode.InvalidParams, `Unknown tool: ${name.slice(0, 100)}`));
    // The person must act in the dashboard: a client that can open links for them gets the link as one.
    const link = error.setupUrl ?? error.reconnectUrl;
    if (client.urlElicitation && typeof link === "string") {
      const elicitation = { mode: "url", elicitationId: error.requestId, url: link, message: errorText(outcome) };
      return answered(rpcError(id, ErrorCode.UrlElicitationRequired, elicitation.message, { elicitations: [elicitation] }));
    }
    answered({ jsonrpc: "2.0", id, result: { content: [{ type: "text", text: errorText(outcome) }], isError: true } satisfies CallToolResult });
  });
}

/** An error result's text, for the model and the person reading the chat: what happened, what to do. */
function errorText({ error: body }: TCallOutcome): string {
  const error = (body as TErrorBody).error;
  const ref = ` (${error.code}, request ${error.requestId})`;
  switch (error.code) {
    case "missing_credential":
      return `The tool "${String(error.tool)}" has no credential for this budget yet. Set it up at ${String(error.setupUrl)}, then call the tool again.${ref}`;
    case "credential_unreadable":
      return `The credential of "${String(error.tool)}" can no longer be read. Reconnect it at ${String(error.setupUrl)}, then call the tool again.${ref}`;
    case "reconnect_required":
      return `The OAuth connection of "${String(error.tool)}" was refused by its provider. Reconnect it at ${String(error.reconnectUrl)}, then call the tool again.${ref}`;
    case "invalid_input": {
      const fields = Object.entries((error.fieldErrors ?? {}) as Record<string, string[]>).map(([path, messages]) => `${path} ${messages.join(", ")}`);
      return `${error.message}${fields.length ? ` ${fields.join("; ")}.` : ""} Fix the arguments and call again.${ref}`;
    }
    default:
      return `${error.message}${ref}`;
  }
}

function rpcError(id: TId | null, code: number, message: string, data?: unknown): TAnswer {
  return { jsonrpc: "2.0", id, error: data === undefined ? { code, message } : { code, message, data } };
}

function reply(res: ServerResponse, status: number, answer: TAnswer | TAnswer[]): void {
  if (res.headersSent) return;
  sendJson(res, status, randomUUID(), JSON.stringify(answer));
}

function accepted(res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(202, { "content-length": 0 });
  res.end();
}

/** Ends the request with an HTTP error: the key, a header, the body as a whole. */
function refuse(res: ServerResponse, error: unknown): void {
  if (res.headersSent) return;
  if (error instanceof HttpRefusal) {
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    return reply(res, error.status, rpcError(null, error.code, error.message));
  }
  const requestId = randomUUID();
  const mapped = toErrorBody(error, requestId);
  // The key is missing, unknown or revoked: the transport's answer is 401 with a bearer challenge.
  if (mapped.status === 401) res.setHeader("www-authenticate", 'Bearer realm="vaultline", error="invalid_token"');
  const code = mapped.status >= 500 ? ErrorCode.InternalError : ErrorCode.InvalidRequest;
  reply(res, mapped.status, rpcError(null, code, mapped.body.error.message));
}
