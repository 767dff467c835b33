// Credentials: what happens when one is saved, changed, read or deleted.
// Secret values are encrypted (CSFLE, per-owner data key) before they reach mongoose and are never
// decrypted here: reads return masks and hints. Only the invoke path decrypts.
import type { Types } from "mongoose";
import { Credential, type TCredential, type TCredentialValue } from "@/models/credential";
import { Binding } from "@/models/binding";
import type { TCredentialField } from "@/models/tool";
import { inTransaction } from "@/lib/db/transaction";
import { encryptSecret } from "@/lib/crypto/field-encryption";
import { secretHint } from "@/lib/crypto/masking";
import { parseObjectId, requireUser, type TActor, type TOwnerId } from "@/lib/services/actor";
import { pageOf, pageSize, parseIdCursor, type TPage, type TPageInput } from "@/lib/services/paging";
import { NotFoundError, ValidationError } from "@/lib/services/errors";
import { findTool, getTool, type TToolRecord } from "@/lib/services/tools/tools.service";
import {
  ZCreateCredentialInput,
  ZUpdateCredentialInput,
  checkFieldValues,
  credentialInputErrors,
} from "@/lib/services/credentials/credential-input";

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

export async function listCredentials(actor: TActor, toolSlug?: string | null): Promise<TCredentialRecord[]> {
  const { ownerId } = requireUser(actor);
  const filter = toolSlug ? { ownerId, toolSlug } : { ownerId };
  return Credential.find(filter).sort({ createdAt: -1 }).lean<TCredentialRecord[]>();
}

/** The actor's credentials (of one tool, if named) a page at a time, newest first. */
export async function listCredentialsPage(actor: TActor, input: TPageInput & { toolSlug?: string | null } = {}): Promise<TPage<TCredentialRecord>> {
  const { ownerId } = requireUser(actor);
  const first = pageSize(input.first, 50);
  const after = input.after ? parseIdCursor(input.after) : null;
  const filter = input.toolSlug ? { ownerId, toolSlug: input.toolSlug } : { ownerId };
  const [rows, totalCount] = await Promise.all([
    Credential.find(after ? { ...filter, _id: { $lt: after } } : filter).sort({ _id: -1 }).limit(first + 1).lean<TCredentialRecord[]>(),
    Credential.countDocuments(filter),
  ]);
  return pageOf(rows, first, totalCount);
}

export async function getCredential(actor: TActor, id: string): Promise<TCredentialRecord> {
  const { ownerId } = requireUser(actor);
  const _id = parseObjectId(id);
  const credential = _id && (await Credential.findOne({ _id, ownerId }).lean<TCredentialRecord>());
  if (!credential) throw new NotFoundError("Credential");
  return credential;
}

/** The actor's credentials among these ids, in one _id lookup (unknown and other owners' ids are left out). */
export async function getCredentialsByIds(actor: TActor, ids: readonly string[]): Promise<TCredentialRecord[]> {
  const { ownerId } = requireUser(actor);
  const _ids = ids.map(parseObjectId).filter((id) => id !== null);
  if (!_ids.length) return [];
  return Credential.find({ _id: { $in: _ids }, ownerId }).lean<TCredentialRecord[]>();
}

export async function createCredential(actor: TActor, input: unknown): Promise<TCredentialRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZCreateCredentialInput.safeParse(input);
  if (!parsed.success) throw invalid(await withFieldChecks(actor, credentialInputErrors(parsed.error.issues, input), input));
  const { toolSlug, name, fields } = parsed.data;

  const tool = await findTool(actor, toolSlug);
  if (!tool) throw invalid({ toolSlug: ["is not a known tool"] });
  const errors = checkFieldValues(tool, fields);
  if (Object.keys(errors).length) throw invalid(errors);

  const stored = await storeValues(ownerId, tool.credentialFields, fields);
  const created = await Credential.create({ ownerId, toolId: tool._id, toolSlug: tool.slug, name, fields: stored });
  return created.toObject() as TCredentialRecord;
}

/** Fields left out keep their stored value (secrets included); a given value replaces it; "" clears it. */
export async function updateCredential(actor: TActor, id: string, input: unknown): Promise<TCredentialRecord> {
  const { ownerId } = requireUser(actor);
  const current = await getCredential(actor, id);
  const parsed = ZUpdateCredentialInput.safeParse(input);
  if (!parsed.success) throw invalid(credentialInputErrors(parsed.error.issues, input));
  const submitted = parsed.data.fields ?? [];

  const tool = await getTool(actor, current.toolSlug);
  const givenKeys = new Set(submitted.map((f) => f.key));
  const kept = current.fields.filter((f) => !givenKeys.has(f.key));
  const errors = checkFieldValues(tool, submitted, new Set(kept.map((f) => f.key)));
  if (Object.keys(errors).length) throw invalid(errors);

  const replaced = await storeValues(ownerId, tool.credentialFields, submitted);
  const fields = orderLike(tool.credentialFields, [...kept, ...replaced]);
  const updated = await Credential.findOneAndUpdate(
    { _id: current._id, ownerId },
    { $set: { fields, ...(parsed.data.name ? { name: parsed.data.name } : {}) } },
    { new: true },
  ).lean<TCredentialRecord>();
  if (!updated) throw new NotFoundError("Credential");
  return updated;
}

/**
 * Deletes the credential and the bindings that used it (those budgets then report it missing). The
 * bindings go first: a failure in between leaves an unbound credential, never a binding to nothing.
 */
export async function deleteCredential(actor: TActor, id: string): Promise<boolean> {
  const { ownerId } = requireUser(actor);
  const credential = await getCredential(actor, id);
  await inTransaction(async (session) => {
    await Binding.deleteMany({ credentialId: credential._id, ownerId }, { session });
    await Credential.deleteOne({ _id: credential._id, ownerId }, { session });
  });
  return true;
}

export function credentialFieldViews(
  credential: Pick<TCredentialRecord, "fields">,
  tool: Pick<TToolRecord, "credentialFields">,
): TCredentialFieldView[] {
  return tool.credentialFields.flatMap<TCredentialFieldView>((field) => {
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
  const { toolSlug, fields } = ZCreateCredentialInput.pick({ toolSlug: true, fields: true }).partial().catch({}).parse(input);
  const tool = toolSlug && fields ? await findTool(actor, toolSlug) : null;
  if (!tool || !fields) return errors;
  const checked = checkFieldValues(tool, fields);
  return { ...checked, ...errors };
}

function invalid(fieldErrors: Record<string, string[]>): ValidationError {
  return new ValidationError("The credential is invalid.", fieldErrors);
}
