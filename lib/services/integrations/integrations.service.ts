// Integrations: the built-in ones plus each owner's own. A slug means one integration per owner (an
// owner's may not shadow a built-in one), as for tools, so bindings and links can name it by slug.
import { Integration, type TIntegration } from "@/models/integration";
import type { TCredentialField } from "@/models/tool";
import { recordAudit } from "@/lib/services/audit/audit.service";
import { requireUser, type TActor, type TOwnerId } from "@/lib/services/actor";
import { ConflictError, NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { BUILTIN_INTEGRATIONS } from "@/lib/services/integrations/catalog";
import { ZIntegrationDefinition, type TIntegrationDefinition } from "@/lib/services/integrations/integration-definition";
import { ZToolSlug } from "@/lib/services/tools/tool-definition";

export type TIntegrationRecord = Omit<TIntegration, "credentialFields"> & { _id: string; credentialFields: TCredentialField[] };

export function customIntegrationId(ownerId: TOwnerId, slug: string): string {
  return `${ownerId.toHexString()}:${slug}`;
}

export async function seedBuiltinIntegrations(): Promise<void> {
  for (const definition of BUILTIN_INTEGRATIONS) {
    const integration = ZIntegrationDefinition.parse(definition);
    await Integration.updateOne({ _id: integration.slug }, { $set: { ...integration, ownerId: null } }, { upsert: true });
  }
}

export async function listIntegrations(actor: TActor): Promise<TIntegrationRecord[]> {
  const { ownerId } = requireUser(actor);
  const found = await Integration.find({ ownerId: { $in: [null, ownerId] } }).lean<TIntegrationRecord[]>();
  return found.sort((a, b) => Number(!!a.ownerId) - Number(!!b.ownerId) || a.name.localeCompare(b.name));
}

export async function getIntegration(actor: TActor, slug: string): Promise<TIntegrationRecord> {
  const integration = await findIntegrationOfOwner(requireUser(actor).ownerId, slug);
  if (!integration) throw new NotFoundError("Integration");
  return integration;
}

/** The slug's integration for an owner: their own, else the built-in one. */
export async function findIntegrationOfOwner(ownerId: TOwnerId, slug: string): Promise<TIntegrationRecord | null> {
  if (!ZToolSlug.safeParse(slug).success) return null;
  const found = await Integration.find({ _id: { $in: [customIntegrationId(ownerId, slug), slug] } }).lean<TIntegrationRecord[]>();
  return found.find((i) => i.ownerId) ?? found[0] ?? null;
}

/** Integrations by _id, in one lookup (ids come from tools and credentials, which are the owner's already). */
export async function integrationsByIds(ids: readonly string[]): Promise<Map<string, TIntegrationRecord>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const found = await Integration.find({ _id: { $in: unique } }).lean<TIntegrationRecord[]>();
  return new Map(found.map((i) => [i._id, i]));
}

/** The actor's integrations among these slugs, in one lookup: slug → integration. */
export async function getIntegrationsBySlugs(actor: TActor, slugs: readonly string[]): Promise<Map<string, TIntegrationRecord>> {
  const { ownerId } = requireUser(actor);
  const valid = [...new Set(slugs)].filter((slug) => ZToolSlug.safeParse(slug).success);
  if (!valid.length) return new Map();
  const found = await Integration.find({ _id: { $in: valid.flatMap((slug) => [customIntegrationId(ownerId, slug), slug]) } }).lean<TIntegrationRecord[]>();
  const bySlug = new Map<string, TIntegrationRecord>();
  for (const integration of found) if (integration.ownerId || !bySlug.has(integration.slug)) bySlug.set(integration.slug, integration);
  return bySlug;
}

export async function createIntegration(actor: TActor, input: unknown): Promise<TIntegrationRecord> {
  requireUser(actor);
  const parsed = ZIntegrationDefinition.safeParse(input);
  if (!parsed.success) throw new ValidationError("The integration definition is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  return insertIntegration(actor, parsed.data);
}

/** Stores a checked definition as the owner's; a slug taken (by theirs or a built-in one) is a conflict. */
export async function insertIntegration(actor: TActor, definition: TIntegrationDefinition): Promise<TIntegrationRecord> {
  const { ownerId } = requireUser(actor);
  const conflict = () => new ConflictError(`An integration with the slug "${definition.slug}" exists already.`);
  if (await Integration.exists({ _id: { $in: [definition.slug, customIntegrationId(ownerId, definition.slug)] } })) throw conflict();
  try {
    const created = await Integration.create({ ...definition, _id: customIntegrationId(ownerId, definition.slug), ownerId });
    await recordAudit(ownerId, { action: "integration.created", target: { type: "integration", id: definition.slug }, details: { authKind: definition.authKind } });
    return created.toObject() as TIntegrationRecord;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw conflict();
    throw error;
  }
}

/** Removes an owner's integration that nothing uses yet (a tool's own, when creating the tool failed). */
export async function dropUnusedIntegration(actor: TActor, id: string): Promise<void> {
  const { ownerId } = requireUser(actor);
  await Integration.deleteOne({ _id: id, ownerId });
}
