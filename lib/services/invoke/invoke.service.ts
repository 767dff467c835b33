// What happens when an agent calls a tool: the budget key says which budget; the budget must allow the
// tool and afford its cost; the budget's binding says which credential; the credential is decrypted (the
// only place secrets are decrypted), injected into the vendor request, and scrubbed from the answer.
// Once warm, a call reads nothing from the database (see hot-path-cache.ts) and writes nothing before it
// answers (spend-slices.ts, usage-recorder.ts).
import { z } from "zod";
import type { Binary } from "mongodb";
import { Budget } from "@/models/budget";
import { BudgetKey } from "@/models/budget-key";
import { Binding, bindingId, type TBinding } from "@/models/binding";
import { Credential } from "@/models/credential";
import { env } from "@/lib/env";
import { decryptSecret } from "@/lib/crypto/field-encryption";
import { InvokeError, MissingCredentialError, NotFoundError, UnauthenticatedError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { cacheKeys, cached } from "@/lib/services/hot-path-cache";
import { BUDGET_KEY_PREFIX, hashSecretToken } from "@/lib/services/secret-tokens";
import { findToolOfOwner, needsCredentials, type TToolRecord } from "@/lib/services/tools/tools.service";
import type { TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import type { TBudgetRecord } from "@/lib/services/budgets/budgets.service";
import { setupUrl } from "@/lib/services/warnings/warnings.service";
import { buildOutboundRequest } from "@/lib/services/invoke/outbound-request";
import { callVendor } from "@/lib/services/invoke/vendor-client";
import { scrubText, secretForms } from "@/lib/services/invoke/scrub";
import { refund, reserve } from "@/lib/services/invoke/spend-slices";

export type TBudgetActor = { kind: "budget"; budgetId: string; ownerId: string; keyHash: string };

/** What the gateway records about a call; filled in as the call gets further. */
export type TInvokeMeta = { costCents: number; credentialId: string | null; vendorStatus: number | null; limited: boolean };

/** What the agent gets: the vendor's status, safe headers and body. */
export type TInvokeAnswer = { status: number; headers: Record<string, string>; body: unknown };

// Vendor headers an agent may see; everything else (cookies, auth challenges, internals) stays here.
const SAFE_HEADERS = ["content-type", "content-language", "cache-control", "etag", "last-modified", "retry-after", "date"];
const SAFE_HEADER_PREFIXES = ["x-ratelimit-", "ratelimit-"];

const CHARGED_FAILURES = new Set(["vendor_timeout", "vendor_response_too_large"]);

const ZInvokeBody = z.object({ input: z.record(z.string(), z.unknown()).default({}) }).strict();

export async function authenticateBudgetKey(authorization: string | undefined): Promise<TBudgetActor> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token || !token.startsWith(BUDGET_KEY_PREFIX) || token.length > 200) {
    throw new UnauthenticatedError("Send a budget key: Authorization: Bearer vl_live_...");
  }
  const keyHash = hashSecretToken(token);
  const key = await cached(cacheKeys.budgetKey(keyHash), () => BudgetKey.findById(keyHash).lean(), { keepNull: false });
  if (!key || key.revokedAt) throw new UnauthenticatedError("The budget key is unknown or revoked.");
  return { kind: "budget", budgetId: key.budgetId.toString(), ownerId: key.ownerId.toString(), keyHash };
}

/** Calls the tool for the agent; resolves to the answer serialized as JSON, every secret scrubbed from it. */
export async function invokeTool(actor: TBudgetActor, slug: string, body: unknown, meta: TInvokeMeta): Promise<string> {
  const parsed = ZInvokeBody.safeParse(body);
  if (!parsed.success) throw new ValidationError('The body must be { "input": { ... } }.', fieldErrorsFromIssues(parsed.error.issues));

  const budget = await cached(cacheKeys.budget(actor.budgetId), () => Budget.findById(actor.budgetId).lean<TBudgetRecord>());
  if (!budget || budget.ownerId.toString() !== actor.ownerId) throw new UnauthenticatedError("The budget key is unknown or revoked.");
  if (!budget.toolSlugs.includes(slug)) {
    throw new InvokeError("tool_not_allowed", 403, `This budget does not allow the tool "${slug}".`, { tool: slug, budgetId: actor.budgetId });
  }
  const tool = await cached(cacheKeys.tool(actor.ownerId, slug), () => findToolOfOwner(actor.ownerId, slug));
  if (!tool) throw new NotFoundError("Tool");

  const credential = await boundCredential(actor, tool);
  meta.credentialId = credential?.credentialId ?? null;
  meta.limited = budget.limitCents !== null && budget.limitCents !== undefined;

  const cost = tool.costCents ?? 0;
  // A limit set or removed in another process reaches this one's cached budget within about a second.
  if (meta.limited) {
    const reserved = await reserve(actor.budgetId, cost);
    if (reserved === "exhausted") {
      throw new InvokeError("budget_exhausted", 402, "This budget's spending limit is reached.", { budgetId: actor.budgetId });
    }
    meta.limited = reserved === "reserved";
  }
  meta.costCents = cost;

  const request = buildOutboundRequest({ endpoint: tool.endpoint, injection: tool.injection, values: credential?.values ?? {}, input: parsed.data.input });
  const config = env();
  let response;
  try {
    response = await callVendor(request, {
      timeoutMs: config.VAULTLINE_VENDOR_TIMEOUT_MS,
      maxBytes: config.VAULTLINE_VENDOR_MAX_BYTES,
      allowPrivate: config.VAULTLINE_ALLOW_PRIVATE_HOSTS,
    });
  } catch (error) {
    // Charged only if the vendor may have done the work (a timeout, an answer too large to pass on).
    if (!(error instanceof InvokeError && CHARGED_FAILURES.has(error.code))) {
      if (meta.limited) refund(actor.budgetId, cost);
      meta.costCents = 0;
    }
    throw error;
  }
  meta.vendorStatus = response.status;

  const answer: TInvokeAnswer = {
    status: response.status,
    headers: safeHeaders(response.headers),
    body: parseBody(response.body.toString("utf8"), response.headers["content-type"]),
  };
  // Scrubbed last, on exactly the text the agent receives: a vendor's own JSON escapes ("\/", "\u0026")
  // are undone by parsing, so scrubbing the vendor's raw bytes alone would let an escaped secret through.
  return scrubText(JSON.stringify(answer), credential?.forms ?? []);
}

/** A bound credential ready to inject: its values, and every form its secrets can take in an answer. */
type TPreparedCredential = { credentialId: string; ownerId: string; toolId: string; values: Record<string, string>; forms: string[] };

async function boundCredential(actor: TBudgetActor, tool: TToolRecord): Promise<TPreparedCredential | null> {
  if (!needsCredentials(tool)) return null;
  const id = bindingId(actor.budgetId, tool.slug);
  const binding = await cached(cacheKeys.binding(id), () => Binding.findById(id).lean<TBinding>());
  // Decrypted values are cached like the rest of the hot path (10 s at most, dropped when the credential
  // changes): decrypting on every call was a tenth of the gateway's CPU time.
  const credential = binding && (await cached(cacheKeys.credential(binding.credentialId.toString()), () => prepareCredential(binding, tool)));
  if (!credential || credential.ownerId !== actor.ownerId || credential.toolId !== tool._id) {
    // Counted for the dashboard's warning by the usage recorder, from this call's error code.
    throw new MissingCredentialError({ tool: tool.slug, budgetId: actor.budgetId, setupUrl: setupUrl(actor.budgetId, tool.slug) });
  }
  return credential;
}

async function prepareCredential(binding: TBinding, tool: TToolRecord): Promise<TPreparedCredential | null> {
  const credential = await Credential.findById(binding.credentialId).lean<TCredentialRecord>();
  if (!credential) return null;
  const values: Record<string, string> = {};
  const secrets: string[] = [];
  for (const field of tool.credentialFields) {
    const stored = credential.fields.find((f) => f.key === field.key);
    if (!stored) continue;
    if (field.secret && stored.cipher) {
      const value = await decryptSecret(stored.cipher as unknown as Binary).catch(() => {
        throw new InvokeError("credential_unreadable", 424, "The bound credential can no longer be decrypted; save it again.", {
          tool: tool.slug,
          budgetId: binding.budgetId.toString(),
          setupUrl: setupUrl(binding.budgetId.toString(), tool.slug),
        });
      });
      values[field.key] = value;
      secrets.push(value);
    } else if (stored.value !== undefined && stored.value !== null) {
      values[field.key] = stored.value;
    }
  }
  // Scrub each secret alone and each injected header carrying one in full (e.g. "Basic dXNlcjpwYXNz").
  const { headers } = buildOutboundRequest({ endpoint: tool.endpoint, injection: tool.injection, values, input: {} });
  const carriers = Object.values(headers).filter((h) => h.startsWith("Basic ") || secrets.some((s) => h.includes(s)));
  return {
    credentialId: credential._id.toString(),
    ownerId: credential.ownerId.toString(),
    toolId: credential.toolId,
    values,
    forms: secretForms([...secrets, ...carriers]),
  };
}

function safeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (!SAFE_HEADERS.includes(name) && !SAFE_HEADER_PREFIXES.some((p) => name.startsWith(p))) continue;
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
