// Builds the executable schema: SDL files (one per domain) plus resolvers, with the auth rule applied to
// every root field that lacks @skipAuth.
import { readFileSync } from "node:fs";
import path from "node:path";
import { defaultFieldResolver, type GraphQLSchema } from "graphql";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { DateTimeResolver } from "@/graphql/scalars";
import { viewerResolvers } from "@/graphql/viewer/resolvers";
import { toolResolvers } from "@/graphql/tools/resolvers";
import { integrationResolvers } from "@/graphql/integrations/resolvers";
import { credentialResolvers } from "@/graphql/credentials/resolvers";
import { budgetResolvers } from "@/graphql/budgets/resolvers";
import { bindingResolvers } from "@/graphql/bindings/resolvers";
import { accessTokenResolvers } from "@/graphql/access-tokens/resolvers";
import { warningResolvers } from "@/graphql/warnings/resolvers";
import { usageResolvers } from "@/graphql/usage/resolvers";
import { auditResolvers } from "@/graphql/audit/resolvers";
import { requireUser } from "@/lib/services/actor";
import type { TGraphQLContext } from "@/graphql/context";

const DOMAINS = ["base", "viewer", "tools", "integrations", "credentials", "budgets", "bindings", "access-tokens", "warnings", "usage", "audit"];

export function typeDefs(root = process.cwd()): string[] {
  return DOMAINS.map((domain) => readFileSync(path.join(root, "graphql", domain, "schema.graphql"), "utf8"));
}

export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema<TGraphQLContext>({
    typeDefs: typeDefs(),
    resolvers: [
      { DateTime: DateTimeResolver },
      viewerResolvers,
      toolResolvers,
      integrationResolvers,
      credentialResolvers,
      budgetResolvers,
      bindingResolvers,
      accessTokenResolvers,
      warningResolvers,
      usageResolvers,
      auditResolvers,
    ] as never,
  });
  freshLoadsAfterEachMutation(schema);
  requireAuthByDefault(schema); // outermost: an anonymous caller is refused before anything else runs
  return schema;
}

/** Secure by default: a root field answers anonymous callers only if its SDL says @skipAuth. */
function requireAuthByDefault(schema: GraphQLSchema): void {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (field.astNode?.directives?.some((d) => d.name.value === "skipAuth")) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: TGraphQLContext, info) => {
        requireUser(context.actor);
        return resolve(source, args, context, info);
      };
    }
  }
}

/**
 * Mutations run one after another and each may change what the request's loaders hold, so each starts
 * with empty loaders: what it returns is read after the change, never from before it.
 */
function freshLoadsAfterEachMutation(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: TGraphQLContext, info) => {
      context.loaders.clearAll();
      return resolve(source, args, context, info);
    };
  }
}

export function rootFieldNames(schema: GraphQLSchema): { query: string[]; mutation: string[] } {
  return {
    query: Object.keys(schema.getQueryType()?.getFields() ?? {}),
    mutation: Object.keys(schema.getMutationType()?.getFields() ?? {}),
  };
}
