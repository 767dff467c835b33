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

// What a 503 tells the client to wait: about how long the driver takes to see the database back.
export const RETRY_AFTER_SECONDS = 5;

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

/** Next.js's build output and the favicon: served without the database. */
export function isStaticAsset(url: string | undefined): boolean {
  return /^\/(_next\/static\/|favicon\.ico)/.test(url ?? "");
}

/** 503 with Retry-After: JSON for the API (a GraphQL error for GraphQL), a short page for people. */
export function answerUnavailable(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
  const message = "The database is unavailable; try again shortly.";
  const path = req.url ?? "";
  if (path.startsWith("/api/graphql")) return json(res, 503, { errors: [{ message, extensions: { code: "SERVICE_UNAVAILABLE" } }] });
  if (path.startsWith("/api/")) return json(res, 503, { error: { code: "service_unavailable", message } });
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Vaultline is unavailable</title><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#18181b"><h1 style="font-size:1.25rem">Vaultline cannot reach its database</h1><p>Your data is safe. This page tries again by itself every few seconds.</p></body></html>`;
  res.writeHead(503, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(page), "cache-control": "no-store" });
  res.end(page);
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
