// The one wrapper around agent routes (Dub's withWorkspace idea): request id, budget-key authentication,
// JSON body, error mapping to { error: { code, message, ... } }, usage recording and one log line.
// Route bodies only do their own work.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError, InvokeError, ValidationError } from "@/lib/services/errors";
import { authenticateBudgetKey, type TBudgetActor, type TInvokeMeta } from "@/lib/services/invoke/invoke.service";
import { recordUsage } from "@/lib/services/usage/usage-recorder";
import { accessLogger, logger } from "@/lib/log/logger";

const MAX_BODY_BYTES = 1024 * 1024;

export type TRouteContext = { actor: TBudgetActor; body: unknown; requestId: string; meta: TInvokeMeta };
/** A route body: resolves to its answer, already serialized as JSON. */
export type TRoute = (ctx: TRouteContext) => Promise<string>;

export function withBudgetKey(toolSlug: string, route: TRoute) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const requestId = randomUUID();
    const meta: TInvokeMeta = { costCents: 0, credentialId: null, vendorStatus: null, limited: false };
    let actor: TBudgetActor | undefined;
    let status = 200;
    let errorCode: string | null = null;
    try {
      actor = await authenticateBudgetKey(req.headers.authorization);
      const body = await readJson(req);
      sendJson(res, 200, requestId, await route({ actor, body, requestId, meta }));
    } catch (error) {
      const mapped = toErrorBody(error, requestId);
      status = mapped.status;
      errorCode = mapped.body.error.code;
      if (!res.headersSent) send(res, status, requestId, mapped.body);
    } finally {
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      if (actor) {
        recordUsage({
          ownerId: actor.ownerId,
          budgetId: actor.budgetId,
          keyHash: actor.keyHash,
          toolSlug,
          credentialId: meta.credentialId,
          vendorStatus: meta.vendorStatus,
          status,
          errorCode,
          latencyMs,
          costCents: meta.costCents,
          limited: meta.limited,
          requestId,
          at: new Date(),
        });
      }
      accessLogger.info({ requestId, budgetId: actor?.budgetId, tool: toolSlug, status, errorCode, vendorStatus: meta.vendorStatus, ms: latencyMs }, "invoke");
    }
  };
}

export function toErrorBody(error: unknown, requestId: string) {
  if (error instanceof AppError) {
    const extra = error instanceof InvokeError ? error.details : error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {};
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...extra, requestId } } };
  }
  logger.error({ err: error, requestId }, "invoke failed");
  return { status: 500, body: { error: { code: "internal_error", message: "Internal error.", requestId } } };
}

export function send(res: ServerResponse, status: number, requestId: string, body: unknown): void {
  sendJson(res, status, requestId, JSON.stringify(body));
}

function sendJson(res: ServerResponse, status: number, requestId: string, json: string): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
    "x-request-id": requestId,
  });
  res.end(json);
}

// Plain events rather than an async iterator: this runs on every call, and the iterator costs more.
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        reject(new InvokeError("payload_too_large", 413, `The body exceeds ${MAX_BODY_BYTES} bytes.`));
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) return;
      if (size === 0) return resolve({});
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(new ValidationError("The body is not valid JSON."));
      }
    });
    req.on("error", reject);
  });
}
