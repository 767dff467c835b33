// Credentials: what happens when one is saved, changed, read or deleted.
// Secret values are encrypted (CSFLE, per-owner data key) before they reach mongoose and are never
// decrypted here: reads return masks and hints. Only the invoke path decrypts.
import { Types, type Model } from "mongoose";
import { Credential, type TCredential, type TCredentialValue } from "@/models/credential";
import { Binding } from "@/models/binding";
import { OAuthToken } from "@/models/oauth-token";
import { Warning } from "@/models/warning";
import { revokeCredentialTokens } from "@/lib/services/oauth/revoke-tokens";
import type { TCredentialField } from "@/models/tool";
import { inTransaction } from "@/lib/db/transaction";
import { encryptSecret } from "@/lib/crypto/field-encryption";
import { secretHint } from "@/lib/crypto/masking";
import { parseObjectId, requireUser, type TActor, type TOwnerId } from "@/lib/services/actor";
import { pageSize, type TPage, type TPageInput } from "@/lib/services/paging";
import { listId, listedPage, ownerListKey, unlistId } from "@/lib/services/owner-lists/owner-lists";
import { NotFoundError, ValidationError } from "@/lib/services/errors";
import { clearCredentialRejected } from "@/lib/services/warnings/warnings.service";
import { findTool, listToolsOfIntegration } from "@/lib/services/tools/tools.service";
import {
  getIntegrationsBySlugs,
  integrationsByIds,
  type TIntegrationRecord,
} from "@/lib/services/integrations/integrations.service";
import {
  ZCreateCredentialInput,
  ZCreateCredentialShape,
  ZUpdateCredentialInput,
  checkFieldValues,
  credentialInputErrors,
} from "@/lib/services/credentials/credential-input";
import { recordAudit } from "@/lib/services/audit/audit.service";

export type TCredentialRecord = TCredential & { _id: Types.ObjectId };

/** The public shape of one field: secrets leave only as a mask flag and an optional hint. */
export type TCredentialFieldView = {
  key: string;
  label: string;
  secret: boolean;
  value: string | null;
  masked: boolean;
  hint: string | null;
};

/** The owner's credentials, newest first; of one integration, or of the integration a tool belongs to. */
type TCredentialFilter = { toolSlug?: string | null; integrationSlug?: string | null };

/** The query for the owner's credentials of one integration (named, or a tool's), or null when it names none. */
async function credentialQuery(actor: TActor, filter: TCredentialFilter): Promise<{ ownerId: TOwnerId; integrationId?: string } | null> {
  const { ownerId } = requireUser(actor);
  if (filter.toolSlug) {
    const tool = await findTool(actor, filter.toolSlug);
    return tool ? { ownerId, integrationId: tool.integrationId } : null;
  }
  if (filter.integrationSlug) {
    const integration = (await getIntegrationsBySlugs(actor, [filter.integrationSlug])).get(filter.integrationSlug);
    return integration ? { ownerId, integrationId: integration._id } : null;
  }
  return { ownerId };
}

/** The owner's list of credentials (lib/services/owner-lists): all, or of one integration (named, or a tool's); null when it names none. */
async function credentialList(actor: TActor, filter: TCredentialFilter): Promise<{ ownerId: TOwnerId; key: string } | null> {
  const { ownerId } = requireUser(actor);
  if (filter.toolSlug) {
    const tool = await findTool(actor, filter.toolSlug);
    return tool ? { ownerId, key: ownerListKey.credentialsOf(ownerId, tool.integrationId) } : null;
  }
  if (filter.integrationSlug) {
    const integration = (await getIntegrationsBySlugs(actor, [filter.integrationSlug])).get(filter.integrationSlug);
    return integration ? { ownerId, key: ownerListKey.credentialsOf(ownerId, integration._id) } : null;
  }
  return { ownerId, key: ownerListKey.credentials(ownerId) };
}

/** The owner's credentials, newest first: all, or those of one integration (named, or a tool's). */
export async function listCredentials(actor: TActor, filter: TCredentialFilter = {}): Promise<TCredentialRecord[]> {
  // Unpaged: one pass over the collection costs less than an `_id` lookup per credential (as listBudgets).
  const query = await credentialQuery(actor, filter);
  return query ? Credential.find(query).sort({ createdAt: -1 }).lean<TCredentialRecord[]>() : [];
}

// The owner lists read any model by `_id`.
const credentials = Credential as unknown as Model<never>;

function credentialLists(ownerId: TOwnerId, integrationId: string): string[] {
  return [ownerListKey.credentials(ownerId), ownerListKey.credentialsOf(ownerId, integrationId)];
}

/** The `_id` of a credential about to be created, listed first (owner-lists.ts: every writer of credentials creates through it). */
export async function listNewCredential(ownerId: TOwnerId, integrationId: string): Promise<Types.ObjectId> {
  const _id = new Types.ObjectId();
  await listId(credentialLists(ownerId, integrationId), _id);
  return _id;
}

/** The integration a credential belongs to (NOT_FOUND if it is gone). */
export async function integrationOfCredential(credential: Pick<TCredentialRecord, "integrationId">): Promise<TIntegrationRecord> {
  const integration = (await integrationsByIds([credential.integrationId])).get(credential.integrationId);
  if (!integration) throw new NotFoundError("Integration");
  return integration;
}

/**
 * What a credential is for: the integration named, or the one of the tool named (the tool is then kept
 * as the one it was made for). Unknown names are field errors.
 */
async function credentialTarget(
  actor: TActor,
  input: { toolSlug?: string; integrationSlug?: string },
): Promise<{ integration: TIntegrationRecord; tool: { _id: string; slug: string } | null }> {
  if (input.toolSlug) {
    const tool = await findTool(actor, input.toolSlug);
    if (!tool) throw invalid({ toolSlug: ["is not a known tool"] });
    return { integration: tool.integration, tool };
  }
  const integration = (await getIntegrationsBySlugs(actor, [input.integrationSlug!])).get(input.integrationSlug!);
  if (!integration) throw invalid({ integrationSlug: ["is not a known integration"] });
  return { integration, tool: null };
}

/** The schema a credential's values are checked against: the integration's fields, sent by any of its tools' rules. */
export async function credentialSchema(actor: TActor, integration: TIntegrationRecord) {
  const tools = await listToolsOfIntegration(actor, integration._id);
  return { credentialFields: integration.credentialFields, injection: tools.flatMap((t) => t.injection) };
}

/** The actor's credentials (of one tool, if named) a page at a time, newest first. */
export async function listCredentialsPage(actor: TActor, input: TPageInput & TCredentialFilter = {}): Promise<TPage<TCredentialRecord>> {
  const first = pageSize(input.first, 50);
  const list = await credentialList(actor, input);
  if (!list) return { items: [], cursors: [], hasNextPage: false, totalCount: 0 };
  return listedPage<TCredentialRecord>(credentials, list.key, list.ownerId, { first, after: input.after, newestFirst: true });
}

export async function getCredential(actor: TActor, id: string): Promise<TCredentialRecord> {
  const { ownerId } = requireUser(actor);
  const _id = parseObjectId(id);
  // By `_id` alone, the owner checked here: `{ _id, ownerId }` is a whole-collection read on the local database.
  const credential = _id && (await Credential.findById(_id).lean<TCredentialRecord>());
  if (!credential || !credential.ownerId.equals(ownerId)) throw new NotFoundError("Credential");
  return credential;
}

/** The actor's credentials among these ids, in one query (unknown and other owners' ids are left out). */
export async function getCredentialsByIds(actor: TActor, ids: readonly string[]): Promise<TCredentialRecord[]> {
  const { ownerId } = requireUser(actor);
  const _ids = ids.map(parseObjectId).filter((id) => id !== null);
  if (!_ids.length) return [];
  // One command for a loader's whole batch (on the local database a pass over the collection, as `$in`
  // is not pushed down); the owner checked here.
  return (await Credential.find({ _id: { $in: _ids } }).lean<TCredentialRecord[]>()).filter((row) => row.ownerId.equals(ownerId));
}

export async function createCredential(actor: TActor, input: unknown): Promise<TCredentialRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZCreateCredentialInput.safeParse(input);
  if (!parsed.success) throw invalid(await withFieldChecks(actor, credentialInputErrors(parsed.error.issues, input), input));
  const { name, fields } = parsed.data;

  const { integration, tool } = await credentialTarget(actor, parsed.data);
  const errors = checkFieldValues(await credentialSchema(actor, integration), fields);
  if (Object.keys(errors).length) throw invalid(errors);
  if (integration.authKind === "none") throw invalid({ [tool ? "toolSlug" : "integrationSlug"]: ["needs no credential"] });
  if (integration.oauth?.grant === "authorization_code") {
    throw invalid({ fields: ["This integration's credentials come from Connect (or importOAuthTokens), not from typed fields."] });
  }

  const stored = await storeValues(ownerId, integration.credentialFields, fields);
  const _id = await listNewCredential(ownerId, integration._id);
  const created = await Credential.create({
    _id,
    ownerId,
    integrationId: integration._id,
    integrationSlug: integration.slug,
    toolId: tool?._id ?? null,
    toolSlug: tool?.slug ?? null,
    name,
    fields: stored,
    expiresAt: parsed.data.expiresAt ?? null,
  });
  await recordAudit(ownerId, { action: "credential.created", target: { type: "credential", id: created._id.toString() }, details: { integration: integration.slug, tool: tool?.slug ?? null, name, fields: fields.map((f) => f.key) } });
  return created.toObject() as TCredentialRecord;
}

/** Fields left out keep their stored value (secrets included); a given value replaces it; "" clears it. */
export async function updateCredential(actor: TActor, id: string, input: unknown): Promise<TCredentialRecord> {
  const { ownerId } = requireUser(actor);
  const current = await getCredential(actor, id);
  const parsed = ZUpdateCredentialInput.safeParse(input);
  if (!parsed.success) throw invalid(credentialInputErrors(parsed.error.issues, input));
  const submitted = parsed.data.fields ?? [];

  const integration = await integrationOfCredential(current);
  const givenKeys = new Set(submitted.map((f) => f.key));
  const kept = current.fields.filter((f) => !givenKeys.has(f.key));
  const errors = checkFieldValues(await credentialSchema(actor, integration), submitted, new Set(kept.map((f) => f.key)));
  if (Object.keys(errors).length) throw invalid(errors);

  const replaced = await storeValues(ownerId, integration.credentialFields, submitted);
  const fields = orderLike(integration.credentialFields, [...kept, ...replaced]);
  const expiry = parsed.data.expiresAt === undefined ? {} : { expiresAt: parsed.data.expiresAt };
  const updated = await Credential.findOneAndUpdate(
    { _id: current._id, ownerId },
    { $set: { fields, ...expiry, ...(parsed.data.name ? { name: parsed.data.name } : {}) } },
    { new: true },
  ).lean<TCredentialRecord>();
  if (!updated) throw new NotFoundError("Credential");
  // New values: what the vendor refused before is no longer known to be refused.
  if (submitted.length) await clearCredentialRejected(ownerId, current._id);
  // Which fields were given (never their values); "" cleared one.
  await recordAudit(ownerId, { action: "credential.updated", target: { type: "credential", id: updated._id.toString() }, details: { fields: [...givenKeys], renamed: Boolean(parsed.data.name) } });
  return updated;
}

/**
 * Deletes the credential, its OAuth 2 tokens (revoked at the provider first, where it can) and the
 * bindings that used it (those budgets then report it missing). Children first: a failure in between
 * leaves an unbound credential, never a binding to nothing.
 */
export async function deleteCredential(actor: TActor, id: string): Promise<boolean> {
  const { ownerId } = requireUser(actor);
  const credential = await getCredential(actor, id);
  const integration = (await integrationsByIds([credential.integrationId])).get(credential.integrationId);
  if (integration?.authKind === "oauth2") await revokeCredentialTokens(credential, integration);
  await inTransaction(async (session) => {
    await Binding.deleteMany({ credentialId: credential._id, ownerId }, { session });
    await Warning.deleteMany({ credentialId: credential._id, ownerId }, { session });
    await OAuthToken.deleteOne({ _id: credential._id.toString(), ownerId }, { session });
    await Credential.deleteOne({ _id: credential._id, ownerId }, { session });
  });
  await unlistId(credentialLists(ownerId, credential.integrationId), credential._id);
  await recordAudit(ownerId, { action: "credential.deleted", target: { type: "credential", id: credential._id.toString() }, details: { tool: credential.toolSlug } });
  return true;
}

export function credentialFieldViews(
  credential: Pick<TCredentialRecord, "fields">,
  integration: Pick<TIntegrationRecord, "credentialFields">,
): TCredentialFieldView[] {
  return integration.credentialFields.flatMap<TCredentialFieldView>((field) => {
    const stored = credential.fields.find((f) => f.key === field.key);
    if (!stored) return [];
    return field.secret
      ? [{ key: field.key, label: field.label, secret: true, value: null, masked: true, hint: stored.hint ?? null }]
      : [{ key: field.key, label: field.label, secret: false, value: stored.value ?? null, masked: false, hint: null }];
  });
}

async function storeValues(
  ownerId: TOwnerId,
  schema: TCredentialField[],
  submitted: { key: string; value: string }[],
): Promise<TCredentialValue[]> {
  const out: TCredentialValue[] = [];
  for (const { key, value } of submitted) {
    const field = schema.find((f) => f.key === key)!;
    if (value === "") continue; // cleared optional field
    if (field.secret) {
      out.push({ key, cipher: await encryptSecret(ownerId.toHexString(), value), hint: secretHint(value, !!field.hint) ?? undefined });
    } else {
      out.push({ key, value });
    }
  }
  return out;
}

function orderLike(schema: TCredentialField[], values: TCredentialValue[]): TCredentialValue[] {
  return schema.flatMap((f) => values.filter((v) => v.key === f.key));
}

/**
 * When the input's own shape fails (e.g. no name), the tool's checks still run on whatever fields are
 * well formed, so that one answer names every problem: an empty form flags the name and each required
 * field together, not the name first and the API key on the next try.
 */
async function withFieldChecks(actor: TActor, errors: Record<string, string[]>, input: unknown): Promise<Record<string, string[]>> {
  const { toolSlug, integrationSlug, fields } = ZCreateCredentialShape.pick({ toolSlug: true, integrationSlug: true, fields: true })
    .partial()
    .catch({})
    .parse(input);
  const target = fields && (toolSlug || integrationSlug) ? await credentialTarget(actor, { toolSlug, integrationSlug }).catch(() => null) : null;
  if (!target || !fields) return errors;
  const checked = checkFieldValues(await credentialSchema(actor, target.integration), fields);
  return { ...checked, ...errors };
}

function invalid(fieldErrors: Record<string, string[]>): ValidationError {
  return new ValidationError("The credential is invalid.", fieldErrors);
}
