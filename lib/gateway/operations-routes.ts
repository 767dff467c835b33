// What operators and supervisors ask the gateway: /healthz (the process answers), /readyz (it can serve:
// database reachable, dashboard process up, not stopping; 503 otherwise, so a load balancer sends
// traffic elsewhere), /metrics (Prometheus text: with VAULTLINE_METRICS_TOKEN as a bearer token, or from
// loopback when no token is configured).
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/lib/env";
import { databaseReachable } from "@/lib/db/health";
import { METRICS_CONTENT_TYPE, metricsText } from "@/lib/gateway/metrics";
import { logger } from "@/lib/log/logger";

type TState = { stopping: boolean; sideReady?: () => boolean };

/** Answers an operations request and returns true, or returns false: the request is not one. */
export function operationsRoute(req: IncomingMessage, res: ServerResponse, state: TState): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (path !== "/healthz" && path !== "/readyz" && path !== "/metrics") return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    json(res, 405, { error: { code: "method_not_allowed", message: "Use GET." } });
    return true;
  }
  if (path === "/healthz") json(res, 200, { status: "ok" });
  else if (path === "/readyz") {
    const checks = { database: databaseReachable(), dashboard: state.sideReady?.() ?? true, accepting: !state.stopping };
    const ready = Object.values(checks).every(Boolean);
    json(res, ready ? 200 : 503, { status: ready ? "ready" : "not_ready", checks });
  } else if (!metricsAllowed(req)) {
    json(res, 401, { error: { code: "unauthorized", message: "Send the metrics token: Authorization: Bearer <VAULTLINE_METRICS_TOKEN>." } });
  } else {
    metricsText()
      .then((text) => {
        res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" });
        res.end(text);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, "metrics failed");
        json(res, 500, { error: { code: "internal_error", message: "Internal error." } });
      });
  }
  return true;
}

function metricsAllowed(req: IncomingMessage): boolean {
  const token = env().VAULTLINE_METRICS_TOKEN;
  if (!token) return ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(req.socket.remoteAddress ?? "");
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}
