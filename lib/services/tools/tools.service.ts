// Tools: the built-in catalog plus each owner's custom tools. Custom slugs live in the owner's namespace
// and may not shadow a built-in one, so a slug means the same tool everywhere for one owner.
import { Tool, type TTool } from "@/models/tool";
import { requireUser, type TActor, type TOwnerId } from "@/lib/services/actor";
import { ConflictError, NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { BUILTIN_TOOLS } from "@/lib/services/tools/catalog";
import { ZToolDefinition, ZToolSlug } from "@/lib/services/tools/tool-definition";
import { recordAudit } from "@/lib/services/audit/audit.service";

export type TToolRecord = TTool & { _id: string };

export function customToolId(ownerId: TOwnerId, slug: string): string {
  return `${ownerId.toHexString()}:${slug}`;
}

export function needsCredentials(tool: Pick<TTool, "credentialFields">): boolean {
  return tool.credentialFields.length > 0;
}

export async function seedBuiltinTools(): Promise<void> {
  for (const definition of BUILTIN_TOOLS) {
    const tool = ZToolDefinition.parse(definition);
    await Tool.updateOne({ _id: tool.slug }, { $set: { ...tool, ownerId: null } }, { upsert: true });
  }
}

export async function listTools(actor: TActor): Promise<TToolRecord[]> {
  const { ownerId } = requireUser(actor);
  const tools = await Tool.find({ ownerId: { $in: [null, ownerId] } }).lean<TToolRecord[]>();
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
  const tools = await Tool.find({ _id: { $in: [customToolId(ownerId, slug), slug] } }).lean<TToolRecord[]>();
  return tools.find((t) => t.ownerId) ?? tools[0] ?? null;
}

/** The tools many slugs name for this owner (as findTool, in one _id lookup): slug → tool, unknown slugs absent. */
export async function getToolsBySlugs(actor: TActor, slugs: readonly string[]): Promise<Map<string, TToolRecord>> {
  const { ownerId } = requireUser(actor);
  const valid = [...new Set(slugs)].filter((slug) => ZToolSlug.safeParse(slug).success);
  if (!valid.length) return new Map();
  const tools = await Tool.find({ _id: { $in: valid.flatMap((slug) => [customToolId(ownerId, slug), slug]) } }).lean<TToolRecord[]>();
  const bySlug = new Map<string, TToolRecord>();
  // The owner's custom tool wins over a built-in one of the same slug, as in findToolOfOwner.
  for (const tool of tools) if (tool.ownerId || !bySlug.has(tool.slug)) bySlug.set(tool.slug, tool);
  return bySlug;
}

export async function createTool(actor: TActor, input: unknown): Promise<TToolRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZToolDefinition.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError("The tool definition is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  }
  const definition = parsed.data;
  if (await Tool.exists({ _id: { $in: [definition.slug, customToolId(ownerId, definition.slug)] } })) {
    throw new ConflictError(`A tool with the slug "${definition.slug}" exists already.`);
  }
  try {
    const created = await Tool.create({ ...definition, _id: customToolId(ownerId, definition.slug), ownerId });
    await recordAudit(ownerId, { action: "tool.created", target: { type: "tool", id: definition.slug }, details: { method: definition.endpoint.method, origin: new URL(definition.endpoint.url).origin } });
    return created.toObject() as TToolRecord;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new ConflictError(`A tool with the slug "${definition.slug}" exists already.`);
    }
    throw error;
  }
}
