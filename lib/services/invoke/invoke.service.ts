// What happens when an agent calls a tool: the budget key says which budget; the budget must allow the
// tool and afford its cost; the budget's binding says which credential; the credential is decrypted (the
// only place secrets are decrypted), injected into the vendor request, and scrubbed from the answer.
// Once warm, a call reads nothing from the database (see lib/gateway/state/call-plans.ts) and writes nothing before it
// answers (spend-slices.ts, usage-recorder.ts in the same folder).
import { z } from "zod";
import { Budget } from "@/models/budget";
import { BudgetKey } from "@/models/budget-key";
import { Binding, bindingId, integrationBindingId, type TBinding } from "@/models/binding";
import { Credential } from "@/models/credential";
import { env } from "@/lib/env";
import { requireDatabase } from "@/lib/db/health";
import { decryptSecret } from "@/lib/crypto/field-encryption";
import {
  InvokeError,
  MissingCredentialError,
  NotFoundError,
  ServiceUnavailableError,
  UnauthenticatedError,
  ValidationError,
  fieldErrorsFromIssues,
  type AppError,
} from "@/lib/services/errors";
import { cached, onPlansDropped, peek } from "@/lib/gateway/state/call-plans";
import { recordVendorTime } from "@/lib/gateway/metrics";
import type { TOwnerId } from "@/lib/services/actor";
import { BUDGET_KEY_PREFIX, hashSecretToken } from "@/lib/services/secret-tokens";
import { findToolOfOwner, needsCredentials, type TToolRecord } from "@/lib/services/tools/tools.service";
import type { TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import type { TBudgetRecord } from "@/lib/services/budgets/budgets.service";
import { reconnectUrl, setupUrl } from "@/lib/services/warnings/warnings.service";
import { buildOutboundRequest, fixedQueryErrors, pathInputErrors, prepareOutbound, type TOutboundTemplate } from "@/lib/services/invoke/outbound-request";
import { ANY_OBJECT_SCHEMA, inputFieldErrors, inputValidator, type TJsonSchema } from "@/lib/services/tools/input-schema";
import type { ValidateFunction } from "ajv";
import { callVendor, type TVendorPolicy, type TVendorResponse } from "@/lib/services/invoke/vendor-client";
import { scrubText, secretForms } from "@/lib/services/invoke/scrub";
import { refund, reserve, spendFromSlice } from "@/lib/gateway/state/spend-slices";
import { errorCodeInfo } from "@/lib/services/invoke/error-codes";
import { hasWindows } from "@/lib/gateway/state/spend-windows";
import { admitCall, rateLimitsOf, type TRateLimits } from "@/lib/gateway/state/call-admission";
import { perCallRefusal, windowExceeded } from "@/lib/services/invoke/guardrail-errors";
import { enter, leave, type TLanePass } from "@/lib/gateway/state/bulkheads";
import { freshToken, loadTokenHolder, TokenUnavailableError, usableToken, type TTokenHolder } from "@/lib/gateway/state/oauth-tokens";
import type { TOAuthClient } from "@/lib/services/oauth/token-endpoint";
import { findOAuthClient } from "@/lib/services/oauth/oauth.service";
import { ACCESS_TOKEN_KEY } from "@/lib/services/integrations/integration-definition";

/** A budget key's caller. `budgetId` is a string: the gateway's maps are keyed by it. */
export type TBudgetActor = { kind: "budget"; budgetId: string; ownerId: TOwnerId; keyHash: string; keyId: string };

/** What an agent is told about a tool it may call (tool list, MCP, OpenAPI). */
export type TToolListing = { slug: string; name: string; description: string; inputSchema: TJsonSchema; costCents: number };

/**
 * What one budget key may do with one tool, resolved once from the key, budget, tool, binding and
 * credential records, and cached (lib/gateway/state/call-plans.ts): a warm call reads nothing else.
 */
export type TCallPlan = {
  actor: TBudgetActor;
  /** Calls per minute of the key and of its budget (0: no limit), lib/gateway/state/rate-limits.ts. */
  rateLimits: TRateLimits;
  toolSlug: string;
  /** The tool's record id (tools are per owner): its bulkhead (lib/gateway/state/bulkheads.ts). */
  toolKey: string;
  /** Set when every call is refused before the vendor (tool not in the budget, no usable credential). */
  refusal: (() => AppError) | null;
  limited: boolean;
  costCents: number;
  credentialId: string | null;
  /** The vendor request without the agent's input; holds decrypted secrets, as long as the plan lives. */
  outbound: TOutboundTemplate | null;
  /** Every form the injected secrets can take in an answer. */
  secretForms: string[];
  /** The tool as agents see it; null when the budget names a tool that does not exist (any more). */
  tool: TToolListing | null;
  /** The compiled input schema (compiled once per schema, not per plan or call). */
  validate: ValidateFunction | null;
  /** For an OAuth 2 credential: its tokens, and what re-renders the request when the access token changes. */
  oauth: TOAuthPlan | null;
};

type TOAuthPlan = {
  holder: TTokenHolder;
  /** The token `outbound` and `secretForms` were rendered with. */
  renderedWith: string | null;
  endpoint: TToolRecord["endpoint"];
  injection: TToolRecord["injection"];
  values: Record<string, string>;
  secrets: string[];
};

/** What the gateway records about a call; filled in as the call gets further. */
export type TInvokeMeta = { costCents: number; vendorStatus: number | null; limited: boolean };

/** What the agent gets: the vendor's status, safe headers and body. */
export type TInvokeAnswer = { status: number; headers: Record<string, string>; body: unknown };

// Vendor headers an agent may see; everything else (cookies, auth challenges, internals) stays here.
const SAFE_HEADERS = new Set(["content-type", "content-language", "cache-control", "etag", "last-modified", "retry-after", "date"]);
const SAFE_HEADER_PREFIXES = ["x-ratelimit-", "ratelimit-"];


const ZInvokeBody = z.object({ input: z.record(z.string(), z.unknown()).default({}) }).strict();

/** The stored hash of the budget key in an Authorization header. */
export function budgetKeyHash(authorization: string | undefined): string {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token || !token.startsWith(BUDGET_KEY_PREFIX) || token.length > 200) {
    throw new UnauthenticatedError("Send a budget key: Authorization: Bearer vl_live_...");
  }
  return hashSecretToken(token);
}

const planKey = (keyHash: string, slug: string) => `plan:${keyHash}:${slug}`;

/** The cached plan, without waiting: the path of nearly every call. */
export function peekCallPlan(keyHash: string, slug: string): TCallPlan | undefined {
  return peek<TCallPlan>(planKey(keyHash, slug));
}

/** Resolves (and caches) the plan; an unknown or revoked key is UNAUTHENTICATED, and is never cached. */
export async function loadCallPlan(keyHash: string, slug: string): Promise<TCallPlan> {
  requireDatabase(); // known to be away: 503 at once, not after a selection timeout
  // A slug the budget does not list gets no plan: a flood of made-up slugs (up to 8 KB each) fills no
  // cache and, without a plan, writes no usage record. An unknown key is remembered for a while, so the
  // same bad key costs one lookup, not one per call.
  if (unknownKeys.has(keyHash)) throw new UnauthenticatedError("The budget key is unknown or revoked.");
  const found = peek<TKeyBudget>(`key:${keyHash}`) ?? (await keyBudget(keyHash));
  if (!found) {
    rememberUnknownKey(keyHash);
    throw new UnauthenticatedError("The budget key is unknown or revoked.");
  }
  if (!found.budget.toolSlugs.includes(slug)) {
    throw new InvokeError("tool_not_allowed", 403, `This budget does not allow the tool "${slug.slice(0, 100)}".`, { budgetId: found.actor.budgetId });
  }
  const plan = await cached(planKey(keyHash, slug), () => buildCallPlan(keyHash, slug));
  if (!plan) throw new UnauthenticatedError("The budget key is unknown or revoked.");
  return plan;
}

// Bounded, and emptied with the plans on every announced change (a key just created is found at once).
const UNKNOWN_KEYS_MAX = 10_000;
const unknownKeys = new Set<string>();
onPlansDropped(() => unknownKeys.clear());

function rememberUnknownKey(keyHash: string): void {
  if (unknownKeys.size >= UNKNOWN_KEYS_MAX) unknownKeys.clear();
  unknownKeys.add(keyHash);
}

type TKeyBudget = { actor: TBudgetActor; budget: TBudgetRecord; rateLimits: TRateLimits };

/** The key's budget, cached like the plans (one lookup for a whole tool list); null for an unknown or revoked key. */
function keyBudget(keyHash: string): Promise<TKeyBudget | null> {
  return cached(`key:${keyHash}`, async () => {
    const key = await BudgetKey.findById(keyHash).lean();
    if (!key || key.revokedAt) return null;
    const budget = await Budget.findById(key.budgetId).lean<TBudgetRecord>();
    if (!budget || !budget.ownerId.equals(key.ownerId)) return null;
    const actor: TBudgetActor = { kind: "budget", budgetId: budget._id.toString(), ownerId: budget.ownerId, keyHash, keyId: key.keyId };
    return { actor, budget, rateLimits: rateLimitsOf(budget, key) };
  });
}

/** The plans of every tool the key's budget lists, without waiting, or undefined if one is not cached. */
export function peekKeyPlans(keyHash: string): TCallPlan[] | undefined {
  const found = peek<TKeyBudget>(`key:${keyHash}`);
  if (!found) return undefined;
  const plans: TCallPlan[] = [];
  for (const slug of found.budget.toolSlugs) {
    const plan = peekCallPlan(keyHash, slug);
    if (!plan) return undefined;
    plans.push(plan);
  }
  return plans;
}

/** The plans of every tool the key's budget lists (and caches them); UNAUTHENTICATED for a bad key. */
export async function loadKeyPlans(keyHash: string): Promise<TCallPlan[]> {
  const found = await keyBudget(keyHash);
  if (!found) throw new UnauthenticatedError("The budget key is unknown or revoked.");
  return Promise.all(found.budget.toolSlugs.map((slug) => loadCallPlan(keyHash, slug)));
}

async function buildCallPlan(keyHash: string, slug: string): Promise<TCallPlan | null> {
  const found = await keyBudget(keyHash);
  if (!found) return null;
  const { actor, budget, rateLimits } = found;
  const plan: TCallPlan = {
    actor,
    rateLimits,
    toolSlug: slug,
    toolKey: slug,
    refusal: null,
    // Any cap (lifetime or a spend window) takes slices; a budget without one commits at the usage flush.
    limited: (budget.limitCents !== null && budget.limitCents !== undefined) || hasWindows(budget),
    costCents: 0,
    credentialId: null,
    outbound: null,
    secretForms: [],
    tool: null,
    validate: null,
    oauth: null,
  };
  const refused = (refusal: () => AppError) => ({ ...plan, refusal });
  const { budgetId, ownerId } = actor;

  if (!budget.toolSlugs.includes(slug)) {
    return refused(() => new InvokeError("tool_not_allowed", 403, `This budget does not allow the tool "${slug}".`, { tool: slug, budgetId }));
  }
  const tool = await findToolOfOwner(ownerId, slug);
  if (!tool) return refused(() => new NotFoundError("Tool"));
  plan.toolKey = tool._id;
  plan.costCents = tool.costCents ?? 0;
  const perCall = perCallRefusal(budget, plan.costCents, budgetId);
  if (perCall) return refused(perCall);
  const inputSchema = tool.inputSchema ? (JSON.parse(tool.inputSchema) as TJsonSchema) : ANY_OBJECT_SCHEMA;
  plan.tool = { slug, name: tool.name, description: tool.description ?? "", inputSchema, costCents: plan.costCents };
  plan.validate = inputValidator(inputSchema);
  if (!needsCredentials(tool)) return { ...plan, outbound: prepareOutbound(tool.endpoint, tool.injection, {}) };

  // The tool's own binding overrides its integration's.
  const toolBindingId = bindingId(budgetId, slug);
  const bindings = await Binding.find({ _id: { $in: [toolBindingId, integrationBindingId(budgetId, tool.integration.slug)] } }).lean<TBinding[]>();
  const binding = bindings.find((b) => b._id === toolBindingId) ?? bindings[0];
  const credential = binding && (await Credential.findById(binding.credentialId).lean<TCredentialRecord>());
  if (!credential || !credential.ownerId.equals(ownerId) || credential.integrationId !== tool.integrationId) {
    // Counted for the dashboard's warning by the usage recorder, from each call's error code.
    return refused(() => new MissingCredentialError({ tool: slug, budgetId, setupUrl: setupUrl(budgetId, slug) }));
  }
  const values = await decryptedValues(credential, tool);
  if (!values) {
    return refused(
      () =>
        new InvokeError("credential_unreadable", 424, "The bound credential can no longer be decrypted; save it again.", {
          tool: slug,
          budgetId,
          setupUrl: setupUrl(budgetId, slug),
        }),
    );
  }
  const credentialId = credential._id.toString();
  if (tool.integration.authKind === "oauth2" && tool.integration.oauth) {
    const oauth = tool.integration.oauth;
    let client: TOAuthClient | null = null;
    if (oauth.grant === "client_credentials") {
      client = values.all.clientId && values.all.clientSecret ? { clientId: values.all.clientId, clientSecret: values.all.clientSecret } : null;
    } else {
      const configured = await findOAuthClient(ownerId, tool.integrationId);
      const secret = configured && (await decryptSecret(configured.secretCipher).catch(() => null));
      client = configured && secret ? { clientId: configured.clientId, clientSecret: secret } : null;
    }
    const holder = await loadTokenHolder({ credentialId, ownerId, grant: oauth.grant, tokenUrl: oauth.tokenUrl, scopes: oauth.scopes ?? [], client });
    const oauthPlan: TOAuthPlan = {
      holder,
      renderedWith: null,
      endpoint: tool.endpoint,
      injection: tool.injection,
      values: values.all,
      secrets: [...values.secrets, ...(client ? [client.clientSecret] : [])],
    };
    const rendered = render(oauthPlan, "");
    return { ...plan, credentialId, oauth: oauthPlan, ...rendered, refusal: reconnectRefusal(holder, slug, budgetId, credentialId) };
  }
  return { ...plan, credentialId, ...render({ endpoint: tool.endpoint, injection: tool.injection, values: values.all, secrets: values.secrets }, null) };
}

/** The vendor request without the input, and the forms of every secret in it, for these values. */
function render(
  from: Pick<TOAuthPlan, "endpoint" | "injection" | "values" | "secrets">,
  accessToken: string | null,
): { outbound: TOutboundTemplate; secretForms: string[] } {
  const values = accessToken === null ? from.values : { ...from.values, [ACCESS_TOKEN_KEY]: accessToken };
  const secrets = accessToken ? [...from.secrets, accessToken] : from.secrets;
  const outbound = prepareOutbound(from.endpoint, from.injection, values);
  // Scrub each secret alone and each injected header carrying one in full (e.g. "Basic dXNlcjpwYXNz").
  const carriers = Object.values(outbound.headers).filter((h) => h.startsWith("Basic ") || secrets.some((s) => h.includes(s)));
  return { outbound, secretForms: secretForms([...secrets, ...carriers]) };
}

/** A credential whose grant the provider refused for good: every call is refused until it is reconnected. */
function reconnectRefusal(holder: TTokenHolder, tool: string, budgetId: string, credentialId: string): (() => AppError) | null {
  return holder.status === "reconnect" ? () => reconnectError(tool, budgetId, credentialId) : null;
}

function reconnectError(tool: string, budgetId: string, credentialId: string): AppError {
  return new InvokeError("reconnect_required", 424, `The OAuth 2 credential for "${tool}" must be reconnected: the provider refused its grant. Reconnect it at reconnectUrl; the agent can retry then.`, {
    tool,
    budgetId,
    reconnectUrl: reconnectUrl(credentialId),
  });
}

/** Points the plan at the holder's current token (re-rendering its request when the token changed). */
function withToken(plan: TCallPlan, token: string): void {
  const oauth = plan.oauth!;
  if (oauth.renderedWith === token) return;
  const rendered = render(oauth, token);
  plan.outbound = rendered.outbound;
  plan.secretForms = [...rendered.secretForms, ...oauth.holder.forms];
  oauth.renderedWith = token;
}

/** The credential's values by field key (secrets decrypted: the only place they are), or null if unreadable. */
async function decryptedValues(credential: TCredentialRecord, tool: TToolRecord): Promise<{ all: Record<string, string>; secrets: string[] } | null> {
  const all: Record<string, string> = {};
  const secrets: string[] = [];
  for (const field of tool.credentialFields) {
    const stored = credential.fields.find((f) => f.key === field.key);
    if (!stored) continue;
    if (field.secret && stored.cipher) {
      const value = await decryptSecret(stored.cipher).catch(() => null);
      if (value === null) return null;
      all[field.key] = value;
      secrets.push(value);
    } else if (stored.value !== undefined && stored.value !== null) {
      all[field.key] = stored.value;
    }
  }
  return { all, secrets };
}

/** Called once: with the answer serialized as JSON, every secret scrubbed from it, or with the error. */
export type TInvokeDone = (error: unknown, answer?: string) => void;

/**
 * Calls the tool for the agent. Callbacks rather than promises, like the rest of the warm path
 * (lib/gateway/with-budget-key.ts says why); only the rare waits (a new budget slice) use a promise.
 */
export function invokeTool(plan: TCallPlan, body: unknown, meta: TInvokeMeta, done: TInvokeDone): void {
  const parsed = ZInvokeBody.safeParse(body);
  if (!parsed.success) return done(new ValidationError('The body must be { "input": { ... } }.', fieldErrorsFromIssues(parsed.error.issues)));
  if (plan.refusal) return done(plan.refusal());
  const input = parsed.data.input;
  // Checked before anything costs anything: a refused input is neither charged nor sent.
  if (!plan.validate!(input)) {
    return done(new ValidationError("The input does not match the tool's input schema.", inputFieldErrors(plan.validate!.errors)));
  }
  const pathErrors = pathInputErrors(plan.outbound!, input);
  if (pathErrors) return done(new ValidationError("The input cannot fill the tool's path.", pathErrors));
  const queryErrors = fixedQueryErrors(plan.outbound!, input);
  if (queryErrors) return done(new ValidationError("The input repeats a query parameter the tool fixes.", queryErrors));
  if (plan.oauth) {
    const token = usableToken(plan.oauth.holder);
    if (token) withToken(plan, token);
    else return void waitForToken(plan, input, meta, done);
  }
  spendAndCall(plan, input, meta, done);
}

/** The rare call that finds its token expired: one refresh for all (tokens.ts), then the call. */
function waitForToken(plan: TCallPlan, input: Record<string, unknown>, meta: TInvokeMeta, done: TInvokeDone): void {
  const { holder } = plan.oauth!;
  freshToken(holder)
    .then((token) => {
      withToken(plan, token);
      spendAndCall(plan, input, meta, done);
    })
    .catch((error: unknown) => {
      if (error instanceof TokenUnavailableError && error.reason === "reconnect") {
        return done(reconnectError(plan.toolSlug, plan.actor.budgetId, plan.credentialId!));
      }
      done(new ServiceUnavailableError("The credential's OAuth 2 provider could not give a valid token; try again shortly."));
    });
}

function spendAndCall(plan: TCallPlan, input: Record<string, unknown>, meta: TInvokeMeta, done: TInvokeDone): void {
  // Rate limits first: a call refused there costs nothing and takes no place.
  if (plan.rateLimits.key || plan.rateLimits.budget) {
    return admitCall(plan.rateLimits, (refusal) => (refusal ? done(refusal) : spendAndCharge(plan, input, meta, done)));
  }
  spendAndCharge(plan, input, meta, done);
}

function spendAndCharge(plan: TCallPlan, input: Record<string, unknown>, meta: TInvokeMeta, done: TInvokeDone): void {
  const { budgetId } = plan.actor;
  const cost = plan.costCents;
  meta.limited = plan.limited;

  // A place in the tool's and the budget's bulkheads before any charge: a call refused there costs nothing.
  let pass: TLanePass;
  try {
    pass = enter(plan.toolKey, budgetId);
  } catch (busy) {
    return done(busy);
  }
  let left = false;
  const leaving: TInvokeDone = (error, answer) => {
    if (!left) {
      left = true;
      leave(pass);
    }
    done(error, answer);
  };
  const call = () => {
    try {
      callTool(plan, input, meta, pass, leaving);
    } catch (failure) {
      leaving(failure); // the place goes back whatever threw
    }
  };
  // A limit set or removed in another process reaches this one's plans within about a second.
  if (!meta.limited || spendFromSlice(budgetId, cost)) return call();
  reserve(budgetId, cost)
    .then((reserved) => {
      if (reserved === "exhausted") return leaving(new InvokeError("budget_exhausted", 402, "This budget's spending limit is reached.", { budgetId }));
      if (typeof reserved === "object") return leaving(windowExceeded(budgetId, reserved));
      meta.limited = reserved === "reserved";
      call();
    })
    .catch(leaving); // a failed reservation, or a throw on the way to the vendor
}

let policy: TVendorPolicy | undefined;

/** The configured limits of vendor calls (read once: the configuration does not change while running). */
function vendorPolicy(): TVendorPolicy {
  if (!policy) {
    const config = env();
    policy = { timeoutMs: config.VAULTLINE_VENDOR_TIMEOUT_MS, maxBytes: config.VAULTLINE_VENDOR_MAX_BYTES, allowPrivate: config.VAULTLINE_ALLOW_PRIVATE_HOSTS };
  }
  return policy;
}

/** The vendor call of a call already paid for. */
function callTool(plan: TCallPlan, input: Record<string, unknown>, meta: TInvokeMeta, pass: TLanePass, done: TInvokeDone): void {
  meta.costCents = plan.costCents;
  const started = performance.now();
  callVendor(buildOutboundRequest(plan.outbound!, input), vendorPolicy(), pass.tool.pools, (error, response) => {
    recordVendorTime(plan.toolSlug, (performance.now() - started) / 1000);
    if (error || !response) {
      // Charged only if the vendor may have done the work: the catalog's rule (error-codes.ts).
      if (!(error && errorCodeInfo(error.code)?.charged)) {
        if (meta.limited) refund(plan.actor.budgetId, plan.costCents);
        meta.costCents = 0;
      }
      return done(error);
    }
    meta.vendorStatus = response.status;
    let answer: string;
    try {
      answer = answerText(response, plan.secretForms);
    } catch (failure) {
      return done(failure);
    }
    done(null, answer);
  });
}

function answerText(response: TVendorResponse, forms: string[]): string {
  const answer: TInvokeAnswer = {
    status: response.status,
    headers: safeHeaders(response.headers),
    body: parseBody(response.body.toString("utf8"), response.headers["content-type"]),
  };
  // Scrubbed last, on exactly the text the agent receives: a vendor's own JSON escapes ("\/", "\u0026")
  // are undone by parsing, so scrubbing the vendor's raw bytes alone would let an escaped secret through.
  return scrubText(JSON.stringify(answer), forms);
}

function safeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (!SAFE_HEADERS.has(name) && !SAFE_HEADER_PREFIXES.some((p) => name.startsWith(p))) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (contentType && /\bjson\b/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      // a vendor that says JSON and sends something else: pass the text on
    }
  }
  return text;
}
