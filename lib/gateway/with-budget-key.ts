// The one path of an agent's tool call (Dub's withWorkspace idea), whatever the transport (REST's invoke
// route, MCP's tools/call): request id, budget-key authentication, the call plan, the call itself, error
// mapping to { error: { code, message, ... } }, usage recording and logging. Also the JSON helpers of the
// gateway's other routes.
//
// Callbacks rather than async functions, from here to the vendor and back: in an A/B run on this machine,
// the same route written with promises cost about 50 µs more CPU per call (326 against 276 µs), which the
// benchmark's target does not leave room for. Only the rare waits (loading a plan, a new budget slice)
// are promises.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError, InvokeError, ServiceUnavailableError, ValidationError } from "@/lib/services/errors";
import { isUnreachableError } from "@/lib/db/health";
import { recordCall, recordPlanLookup } from "@/lib/gateway/metrics";
import { RETRY_AFTER_SECONDS } from "@/lib/gateway/operations-routes";
import { budgetKeyHash, invokeTool, loadCallPlan, peekCallPlan, type TCallPlan, type TInvokeMeta } from "@/lib/services/invoke/invoke.service";
import { recordUsage } from "@/lib/gateway/state/usage-recorder";
import { accessLogger, logger } from "@/lib/log/logger";

const MAX_BODY_BYTES = 1024 * 1024;

/** The error body of a failed call, as the REST route sends it (and MCP turns it into an error result). */
export type TErrorBody = { error: { code: string; message: string; requestId: string; [detail: string]: unknown } };

/** How a call ends: the answer (JSON, scrubbed) or the error, with the HTTP status REST answers with. */
export type TCallOutcome = { status: number; requestId: string; answer: string | null; error: TErrorBody | null; vendorStatus: number | null };

/** One call's state, from the request to its log line. */
type TCall = {
  reply: (outcome: TCallOutcome) => void;
  toolSlug: string;
  requestId: string;
  started: number;
  plan: TCallPlan | null;
  meta: TInvokeMeta;
  finished: boolean;
};

/**
 * A tool call with a budget key, whatever the transport (the REST route, MCP's tools/call): the one path
 * through authentication, the plan, invokeTool (budget, input, injection, scrubbing), usage records and
 * logging. `reply` is called once, before the usage is recorded. A body that could not be read arrives as
 * `bodyError`: answered after the key is checked, and recorded like any failed call.
 */
export function callAgentTool(
  authorization: string | undefined,
  toolSlug: string,
  body: unknown,
  reply: (outcome: TCallOutcome) => void,
  bodyError: AppError | null = null,
): void {
  const call: TCall = {
    reply,
    toolSlug,
    requestId: randomUUID(),
    started: performance.now(),
    plan: null,
    meta: { costCents: 0, vendorStatus: null, limited: false },
    finished: false,
  };
  let keyHash: string;
  try {
    keyHash = budgetKeyHash(authorization);
  } catch (error) {
    return finish(call, error);
  }
  // Warm, the plan comes straight from the cache, without waiting for anything.
  const plan = peekCallPlan(keyHash, toolSlug);
  recordPlanLookup(plan ? "hit" : "miss");
  if (plan) return run(call, plan, body, bodyError);
  loadCallPlan(keyHash, toolSlug)
    .then((loaded) => run(call, loaded, body, bodyError))
    .catch((error: unknown) => finish(call, error));
}

/** The REST route's handler: POST /api/v1/tools/{slug}/invoke with { "input": { ... } }. */
export function invokeOverHttp(req: IncomingMessage, res: ServerResponse, toolSlug: string): void {
  readJson(req, (error, body) => {
    const reply = (outcome: TCallOutcome) => {
      if (res.headersSent) return;
      if (outcome.status === 503) res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
      // Rate limits and spend windows say when to try again (lib/services/invoke/guardrail-errors.ts).
      const retryAfter = outcome.error?.error.retryAfterSeconds;
      if (typeof retryAfter === "number") res.setHeader("retry-after", String(retryAfter));
      if (outcome.answer !== null) sendJson(res, 200, outcome.requestId, outcome.answer);
      else send(res, outcome.status, outcome.requestId, outcome.error);
    };
    callAgentTool(req.headers.authorization, toolSlug, body, reply, error);
  });
}

function run(call: TCall, plan: TCallPlan, body: unknown, bodyError: AppError | null): void {
  call.plan = plan;
  if (bodyError) return finish(call, bodyError);
  try {
    invokeTool(plan, body, call.meta, (failure, answer) => finish(call, failure, answer));
  } catch (failure) {
    finish(call, failure);
  }
}

/** Answers, records and logs the call, once (a second `done` from a buggy route is ignored). */
function finish(call: TCall, error: unknown, answer?: string): void {
  if (call.finished) return;
  call.finished = true;
  const { requestId, plan, meta } = call;
  let status = 200;
  let errorCode: string | null = null;
  if (error || answer === undefined) {
    const mapped = toErrorBody(error, requestId);
    status = mapped.status;
    errorCode = mapped.body.error.code;
    call.reply({ status, requestId, answer: null, error: mapped.body, vendorStatus: meta.vendorStatus });
  } else {
    call.reply({ status, requestId, answer, error: null, vendorStatus: meta.vendorStatus });
  }
  const latencyMs = Math.round((performance.now() - call.started) * 10) / 10;
  recordCall(call.toolSlug, status, errorCode, latencyMs / 1000);
  if (plan) {
    recordUsage(plan, {
      status,
      vendorStatus: meta.vendorStatus,
      errorCode,
      latencyMs,
      costCents: meta.costCents,
      limited: meta.limited,
      requestId,
    });
  }
  // A line per failed call; successful ones only at LOG_LEVEL=debug: the usage records keep every call
  // with its request id already, and the line cost about a tenth of the route's CPU time.
  if (errorCode || accessLogger.isLevelEnabled("debug")) {
    const line = { requestId, budgetId: plan?.actor.budgetId, tool: call.toolSlug, status, errorCode, vendorStatus: meta.vendorStatus, ms: latencyMs };
    if (errorCode) accessLogger.info(line, "invoke");
    else accessLogger.debug(line, "invoke");
  }
}

export function toErrorBody(error: unknown, requestId: string): { status: number; body: TErrorBody } {
  if (isUnreachableError(error)) error = new ServiceUnavailableError("The database is unavailable; try again shortly.");
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

export function sendJson(res: ServerResponse, status: number, requestId: string, json: string): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
    "x-request-id": requestId,
  });
  res.end(json);
}

// Plain events rather than an async iterator: this runs on every call, and the iterator costs more.
export function readJson(req: IncomingMessage, done: (error: AppError | null, body?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (chunk: Buffer) => {
    if (tooLarge) return; // reported once; the rest is read and dropped
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
    tooLarge = true;
    chunks.length = 0;
    done(new InvokeError("payload_too_large", 413, `The body exceeds ${MAX_BODY_BYTES} bytes.`));
  });
  req.on("end", () => {
    if (tooLarge) return;
    if (size === 0) return done(null, {});
    let body: unknown;
    try {
      body = JSON.parse((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8"));
    } catch {
      return done(new ValidationError("The body is not valid JSON."));
    }
    done(null, body);
  });
  req.on("error", () => done(new ValidationError("The request body could not be read.")));
}
