// The agent data plane: a plain node:http handler for POST /api/v1/tools/{slug}/invoke (about 6x the
// throughput of a Next.js route handler on this machine, ARCHITECTURE.md), served by http-server.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { invokeTool } from "@/lib/services/invoke/invoke.service";
import { send, withBudgetKey } from "@/lib/gateway/with-budget-key";
import { logger } from "@/lib/log/logger";

const INVOKE_PATH = /^\/api\/v1\/tools\/([^/?#]+)\/invoke\/?(?:\?.*)?$/;

/** The tool slug when the request is for the agent route, else null (the request is not ours). */
export function agentRouteSlug(url: string | undefined): string | null {
  const match = INVOKE_PATH.exec(url ?? "");
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return "";
  }
}

const invoke = withBudgetKey(({ plan, body, meta }, done) => invokeTool(plan, body, meta, done));

export function handleAgentRequest(req: IncomingMessage, res: ServerResponse, slug: string): void {
  if (req.method !== "POST") {
    res.setHeader("allow", "POST");
    send(res, 405, randomUUID(), { error: { code: "method_not_allowed", message: "Use POST." } });
    return;
  }
  try {
    invoke(req, res, slug);
  } catch (error) {
    // Only a bug gets here (the wrapper answers every error): log it rather than crash the process.
    logger.error({ err: error }, "agent request handler failed");
    if (!res.headersSent) send(res, 500, randomUUID(), { error: { code: "internal_error", message: "Internal error." } });
  }
}
