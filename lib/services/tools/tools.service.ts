// Tools: the built-in catalog plus each owner's custom tools. Custom slugs live in the owner's namespace
// and may not shadow a built-in one, so a slug means the same tool everywhere for one owner. Every tool
// belongs to one integration, which holds its credential schema; a tool read here comes with it.
import { Tool, type TTool, type TCredentialField } from "@/models/tool";
import { Budget } from "@/models/budget";
import { Binding } from "@/models/binding";
import { Credential } from "@/models/credential";
import { Warning } from "@/models/warning";
import { requireUser, type TActor, type TOwnerId } from "@/lib/services/actor";
import { ConflictError, NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { BUILTIN_TOOLS } from "@/lib/services/tools/catalog";
import { ZToolDefinition, ZToolSlug, templateKeyProblems } from "@/lib/services/tools/tool-definition";
import {
  customIntegrationId,
  dropUnusedIntegration,
  findIntegrationOfOwner,
  insertIntegration,
  integrationsByIds,
  seedBuiltinIntegrations,
  type TIntegrationRecord,
} from "@/lib/services/integrations/integrations.service";
import { ZIntegrationDefinition, integrationTemplateKeys } from "@/lib/services/integrations/integration-definition";
import { recordAudit } from "@/lib/services/audit/audit.service";

type TStoredTool = TTool & { _id: string };
/** A tool with its integration; `credentialFields` are the integration's (what a credential for it holds). */
export type TToolRecord = TStoredTool & { integration: TIntegrationRecord; credentialFields: TCredentialField[] };

export function customToolId(ownerId: TOwnerId, slug: string): string {
  return `${ownerId.toHexString()}:${slug}`;
}

export function needsCredentials(tool: Pick<TToolRecord, "integration">): boolean {
  return tool.integration.authKind !== "none";
}

export async function seedBuiltinTools(): Promise<void> {
  await seedBuiltinIntegrations();
  for (const definition of BUILTIN_TOOLS) {
    const { integration, credentialFields: _fields, ...tool } = ZToolDefinition.parse(definition);
    // strict: false, so that the credentialFields a tool stored before integrations are dropped too.
    await Tool.updateOne(
      { _id: tool.slug },
      { $set: { ...tool, integrationId: integration!, ownerId: null }, $unset: { credentialFields: 1 } },
      { upsert: true, strict: false },
    );
  }
}

export async function listTools(actor: TActor): Promise<TToolRecord[]> {
  const { ownerId } = requireUser(actor);
  const tools = await withIntegrations(await Tool.find({ ownerId: { $in: [null, ownerId] } }).lean<TStoredTool[]>());
  return tools.sort((a, b) => Number(!!a.ownerId) - Number(!!b.ownerId) || a.name.localeCompare(b.name));
}

/** The tool a slug names for this owner; NotFoundError when there is none. */
export async function getTool(actor: TActor, slug: string): Promise<TToolRecord> {
  const tool = await findTool(actor, slug);
  if (!tool) throw new NotFoundError("Tool");
  return tool;
}

export async function findTool(actor: TActor, slug: string): Promise<TToolRecord | null> {
  return findToolOfOwner(requireUser(actor).ownerId, slug);
}

/** The slug's tool for an owner: their custom tool, else the built-in one. (The gateway's actor is a budget.) */
export async function findToolOfOwner(ownerId: TOwnerId, slug: string): Promise<TToolRecord | null> {
  if (!ZToolSlug.safeParse(slug).success) return null;
  const tools = await Tool.find({ _id: { $in: [customToolId(ownerId, slug), slug] } }).lean<TStoredTool[]>();
  const tool = tools.find((t) => t.ownerId) ?? tools[0];
  return tool ? ((await withIntegrations([tool]))[0] ?? null) : null;
}

/** The tools many slugs name for this owner (as findTool, in one _id lookup): slug → tool, unknown slugs absent. */
export async function getToolsBySlugs(actor: TActor, slugs: readonly string[]): Promise<Map<string, TToolRecord>> {
  const { ownerId } = requireUser(actor);
  const valid = [...new Set(slugs)].filter((slug) => ZToolSlug.safeParse(slug).success);
  if (!valid.length) return new Map();
  const tools = await withIntegrations(
    await Tool.find({ _id: { $in: valid.flatMap((slug) => [customToolId(ownerId, slug), slug]) } }).lean<TStoredTool[]>(),
  );
  const bySlug = new Map<string, TToolRecord>();
  // The owner's custom tool wins over a built-in one of the same slug, as in findToolOfOwner.
  for (const tool of tools) if (tool.ownerId || !bySlug.has(tool.slug)) bySlug.set(tool.slug, tool);
  return bySlug;
}

/** The tools of one integration the owner can use (built-in and theirs): a small per-owner set. */
export async function listToolsOfIntegration(actor: TActor, integrationId: string): Promise<TToolRecord[]> {
  const { ownerId } = requireUser(actor);
  return withIntegrations(await Tool.find({ ownerId: { $in: [null, ownerId] }, integrationId }).lean<TStoredTool[]>());
}

/**
 * Creates a custom tool. It names an integration (the owner's or a built-in one) whose credential it
 * injects, or declares its credential fields and gets its own integration of the same slug, as every
 * tool did before integrations.
 */
export async function createTool(actor: TActor, input: unknown): Promise<TToolRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZToolDefinition.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError("The tool definition is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  }
  const { integration: integrationSlug, credentialFields, ...definition } = parsed.data;
  if (await Tool.exists({ _id: { $in: [definition.slug, customToolId(ownerId, definition.slug)] } })) {
    throw new ConflictError(`A tool with the slug "${definition.slug}" exists already.`);
  }
  let integration: TIntegrationRecord;
  let ownIntegration = false;
  if (integrationSlug) {
    const named = await findIntegrationOfOwner(ownerId, integrationSlug);
    if (!named) throw new ValidationError("The tool definition is invalid.", { integration: ["is not a known integration"] });
    const problems = templateKeyProblems(definition.injection, integrationTemplateKeys(named));
    if (problems.length) throw new ValidationError("The tool definition is invalid.", fieldErrorsFromIssues(problems));
    integration = named;
  } else {
    const own = ZIntegrationDefinition.parse({
      slug: definition.slug,
      name: definition.name,
      authKind: credentialFields.length ? "static" : "none",
      credentialFields,
    });
    integration = await insertIntegration(actor, own).catch((error: unknown) => {
      throw error instanceof ConflictError
        ? new ConflictError(`An integration with the slug "${definition.slug}" exists already: name it as the tool's integration, or choose another slug.`)
        : error;
    });
    ownIntegration = true;
  }
  try {
    const created = await Tool.create({ ...definition, _id: customToolId(ownerId, definition.slug), ownerId, integrationId: integration._id });
    await recordAudit(ownerId, { action: "tool.created", target: { type: "tool", id: definition.slug }, details: { method: definition.endpoint.method, origin: new URL(definition.endpoint.url).origin } });
    return { ...(created.toObject() as TStoredTool), integration, credentialFields: integration.credentialFields };
  } catch (error) {
    if (ownIntegration) await dropUnusedIntegration(actor, integration._id);
    if ((error as { code?: number }).code === 11000) {
      throw new ConflictError(`A tool with the slug "${definition.slug}" exists already.`);
    }
    throw error;
  }
}

/** One of the owner's custom tools (built-in ones cannot be changed or deleted), with its integration. */
async function customTool(ownerId: TOwnerId, slug: string): Promise<TToolRecord> {
  const stored = ZToolSlug.safeParse(slug).success ? await Tool.findOne({ _id: customToolId(ownerId, slug), ownerId }).lean<TStoredTool>() : null;
  const tool = stored && (await withIntegrations([stored]))[0];
  if (!tool) throw new NotFoundError("Custom tool");
  return tool;
}

/**
 * Changes a custom tool: name, description, endpoint, cost, injection rules, input schema. Its slug,
 * integration and credential fields stay (credentials and bindings depend on them): to change those,
 * create another tool (the dashboard's "Duplicate"). The change reaches every gateway like any other.
 */
export async function updateTool(actor: TActor, slug: string, input: unknown): Promise<TToolRecord> {
  const { ownerId } = requireUser(actor);
  const tool = await customTool(ownerId, slug);
  const given = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const fixed: string[] = ["slug", "integration", "credentialFields"].filter((key) => given[key] !== undefined);
  if (fixed.length) {
    throw new ValidationError("The tool definition is invalid.", Object.fromEntries(fixed.map((key) => [key, ["cannot change on an existing tool: duplicate it instead"]])));
  }
  const parsed = ZToolDefinition.safeParse({ ...given, slug, integration: tool.integration.slug });
  if (!parsed.success) throw new ValidationError("The tool definition is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  const { name, description, endpoint, costCents, injection, inputSchema } = parsed.data;
  const problems = templateKeyProblems(injection, integrationTemplateKeys(tool.integration));
  if (problems.length) throw new ValidationError("The tool definition is invalid.", fieldErrorsFromIssues(problems));
  const updated = await Tool.findOneAndUpdate(
    { _id: tool._id, ownerId },
    { $set: { name, description, endpoint, costCents, injection, inputSchema: inputSchema ?? null } },
    { new: true },
  ).lean<TStoredTool>();
  if (!updated) throw new NotFoundError("Custom tool");
  await recordAudit(ownerId, { action: "tool.updated", target: { type: "tool", id: slug }, details: { method: endpoint.method, origin: new URL(endpoint.url).origin, costCents } });
  return { ...updated, integration: tool.integration, credentialFields: tool.integration.credentialFields };
}

/**
 * Deletes a custom tool. Children first, as every delete here (a failure part-way leaves nothing that
 * points at a missing tool, and deleting again finishes): the budgets that list it let it go with its
 * bindings and warnings, then the tool, then its own integration if no credential uses it (credentials
 * are the person's to delete). Returns the slug.
 */
export async function deleteTool(actor: TActor, slug: string): Promise<string> {
  const { ownerId } = requireUser(actor);
  const tool = await customTool(ownerId, slug);
  await Binding.deleteMany({ ownerId, toolSlug: slug });
  await Warning.deleteMany({ ownerId, toolSlug: slug });
  await Budget.updateMany({ ownerId, toolSlugs: slug }, { $pull: { toolSlugs: slug } });
  await Tool.deleteOne({ _id: tool._id, ownerId });
  const ownIntegration = tool.integration._id === customIntegrationId(ownerId, slug);
  if (ownIntegration && !(await Credential.exists({ ownerId, integrationId: tool.integration._id })) && !(await Tool.exists({ ownerId, integrationId: tool.integration._id }))) {
    await dropUnusedIntegration(actor, tool.integration._id);
  }
  await recordAudit(ownerId, { action: "tool.deleted", target: { type: "tool", id: slug } });
  return slug;
}

/** Attaches each tool's integration (one _id lookup); a tool whose integration is gone is left out. */
async function withIntegrations(tools: TStoredTool[]): Promise<TToolRecord[]> {
  const integrations = await integrationsByIds(tools.map((t) => t.integrationId));
  return tools.flatMap((tool) => {
    const integration = integrations.get(tool.integrationId);
    return integration ? [{ ...tool, integration, credentialFields: integration.credentialFields }] : [];
  });
}
