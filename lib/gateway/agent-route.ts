// The agent data plane, plain node:http handlers (about 6x the throughput of a Next.js route handler on
// this machine, ARCHITECTURE.md), served by http-server.ts:
//   POST /api/v1/tools/{slug}/invoke  a tool call (with-budget-key.ts)
//   GET  /api/v1/tools                the key's tools (key-tools.ts)
//   GET  /api/v1/openapi.json         the key's tools as OpenAPI 3.1 (openapi.ts)
//   POST /mcp                         MCP, Streamable HTTP (mcp.ts)
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { invokeOverHttp, send } from "@/lib/gateway/with-budget-key";
import { handleToolList } from "@/lib/gateway/key-tools";
import { handleOpenApi } from "@/lib/gateway/openapi";
import { handleMcp } from "@/lib/gateway/mcp";
import { logger } from "@/lib/log/logger";

const INVOKE_PATH = /^\/api\/v1\/tools\/([^/?#]+)\/invoke\/?(?:\?.*)?$/;

type THandler = (req: IncomingMessage, res: ServerResponse) => void;

const ROUTES: Record<string, { method: string; handler: THandler }> = {
  "/api/v1/tools": { method: "GET", handler: handleToolList },
  "/api/v1/openapi.json": { method: "GET", handler: handleOpenApi },
  // Its methods are the transport's to answer (GET and DELETE get 405 there).
  "/mcp": { method: "*", handler: handleMcp },
};

/** The tool slug when the request is for the invoke route, else null. */
export function agentRouteSlug(url: string | undefined): string | null {
  const match = INVOKE_PATH.exec(url ?? "");
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return "";
  }
}

/** Serves the request if it is for an agent route; false when it is not ours (the dashboard's). */
export function handleAgentRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const slug = agentRouteSlug(req.url);
  let route: { method: string; handler: THandler } | undefined;
  if (slug !== null) route = { method: "POST", handler: (rq, rs) => invokeOverHttp(rq, rs, slug) };
  else {
    const url = req.url ?? "";
    const end = url.indexOf("?");
    const path = end === -1 ? url : url.slice(0, end);
    route = ROUTES[path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path];
  }
  if (!route) return false;
  if (route.method !== "*" && req.method !== route.method && !(route.method === "GET" && req.method === "HEAD")) {
    res.setHeader("allow", route.method);
    send(res, 405, randomUUID(), { error: { code: "method_not_allowed", message: `Use ${route.method}.` } });
    return true;
  }
  try {
    route.handler(req, res);
  } catch (error) {
    // Only a bug gets here (the handlers answer every error): log it rather than crash the process.
    logger.error({ err: error }, "agent request handler failed");
    if (!res.headersSent) send(res, 500, randomUUID(), { error: { code: "internal_error", message: "Internal error." } });
  }
  return true;
}
