import type { Resolvers } from "@/graphql/generated/resolvers-types";
import type { TCredentialField } from "@/models/tool";
import { orNull } from "@/graphql/loaders";
import { createTool, deleteTool, getTool, listTools, needsCredentials, updateTool } from "@/lib/services/tools/tools.service";

export const toolResolvers: Resolvers = {
  InjectionTarget: { HEADER: "header", QUERY: "query", BODY: "body", BASIC_AUTH: "basic_auth" },
  Query: {
    tools: (_, __, { actor }) => listTools(actor),
    tool: (_, { slug }, { actor }) => orNull(getTool(actor, slug)),
  },
  Mutation: {
    createTool: (_, { input }, { actor }) => createTool(actor, withoutNulls(input)),
    updateTool: (_, { slug, input }, { actor }) => updateTool(actor, slug, withoutNulls(input)),
    deleteTool: (_, { slug }, { actor }) => deleteTool(actor, slug),
  },
  // Tools saved before queryParams existed have none.
  ToolEndpoint: { queryParams: (endpoint) => endpoint.queryParams ?? [] },
  Tool: {
    id: (tool) => tool.slug,
    builtin: (tool) => !tool.ownerId,
    description: (tool) => tool.description ?? "",
    needsCredentials: (tool) => needsCredentials(tool),
    costCents: (tool) => tool.costCents ?? 0,
    inputSchema: (tool) => tool.inputSchema ?? null,
    credentialFields: (tool) => credentialFieldDefinitions(tool.credentialFields),
    integration: (tool) => tool.integration,
  },
};

export function credentialFieldDefinitions(fields: TCredentialField[]) {
  return fields.map((f) => ({ ...f, help: f.help ?? null, pattern: f.pattern ?? null, hint: !!f.hint }));
}

/** GraphQL sends null for omitted optional inputs; the services' schemas treat absent as "not given". */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]),
    ) as T;
  }
  return value;
}
