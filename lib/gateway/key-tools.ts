// What a budget key may call, as agents are told it: GET /api/v1/tools, MCP's tools/list and the OpenAPI
// document all read this. Built from the same call plans as the calls themselves, so a warm list reads
// nothing from the database and cannot disagree with what a call would do.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { budgetKeyHash, loadKeyPlans, peekKeyPlans, type TCallPlan, type TToolListing } from "@/lib/services/invoke/invoke.service";
import { InvokeError } from "@/lib/services/errors";
import { send, toErrorBody } from "@/lib/gateway/with-budget-key";

export type TToolState = "ready" | "missing_credential" | "credential_unreadable" | "reconnect_required";

/** The refusals a person fixes in the dashboard, each with the detail that holds the link to do it. */
const FIXED_BY_PERSON: Record<string, string> = { missing_credential: "setupUrl", credential_unreadable: "setupUrl", reconnect_required: "reconnectUrl" };

export type TKeyTool = TToolListing & {
  state: TToolState;
  /** Where the person sets up (or reconnects) the credential, when the state is not ready. */
  setupUrl?: string;
};

/** The key's tools, or the error (UNAUTHENTICATED for a missing, unknown or revoked key). */
export function keyTools(authorization: string | undefined, done: (error: unknown, tools?: TKeyTool[]) => void): void {
  let keyHash: string;
  try {
    keyHash = budgetKeyHash(authorization);
  } catch (error) {
    return done(error);
  }
  const plans = peekKeyPlans(keyHash);
  if (plans) return done(null, listed(plans));
  loadKeyPlans(keyHash).then(
    (loaded) => done(null, listed(loaded)),
    (error: unknown) => done(error),
  );
}

function listed(plans: TCallPlan[]): TKeyTool[] {
  const tools: TKeyTool[] = [];
  for (const plan of plans) {
    // A budget may still name a custom tool that was deleted: nothing to call.
    if (!plan.tool) continue;
    const refusal = plan.refusal?.();
    if (!refusal) {
      tools.push({ ...plan.tool, state: "ready" });
    } else if (refusal instanceof InvokeError && Object.hasOwn(FIXED_BY_PERSON, refusal.code)) {
      tools.push({ ...plan.tool, state: refusal.code as TToolState, setupUrl: String(refusal.details[FIXED_BY_PERSON[refusal.code]!]) });
    }
  }
  return tools;
}

/** GET /api/v1/tools: { "tools": [ ... ] }. */
export function handleToolList(req: IncomingMessage, res: ServerResponse): void {
  const requestId = randomUUID();
  keyTools(req.headers.authorization, (error, tools) => {
    if (error) {
      const mapped = toErrorBody(error, requestId);
      return send(res, mapped.status, requestId, mapped.body);
    }
    send(res, 200, requestId, { tools });
  });
}
