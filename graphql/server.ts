// The Apollo server, one per process (kept on globalThis like the db connection).
import { ApolloServer } from "@apollo/server";
import { buildSchema } from "@/graphql/schema";
import { createFormatError } from "@/graphql/errors";
import { depthLimit } from "@/graphql/depth-limit";
import { LIMITS, costLimitPlugin, limitRules } from "@/graphql/limits";
import type { TGraphQLContext } from "@/graphql/context";
import { logger } from "@/lib/log/logger";

// Deep enough for every screen of the dashboard (budget → bindings → credential → tool → fields is 5).
const MAX_DEPTH = 8;
const slot = Symbol.for("vaultline.apollo");
type Slot = { server?: ApolloServer<TGraphQLContext> };
const state: Slot = ((globalThis as Record<symbol, Slot>)[slot] ??= {});

export function apolloServer(): ApolloServer<TGraphQLContext> {
  if (state.server) return state.server;
  const schema = buildSchema();
  state.server = new ApolloServer<TGraphQLContext>({
    schema,
    formatError: createFormatError(schema),
    // On in production too: the schema is public (its SDL is in the repository), every root field still
    // requires a caller, the limits bound what introspection costs, and GraphQL-over-HTTP clients and
    // codegen rely on it (the graphql-http audits' MUSTs use __type).
    introspection: true,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: [depthLimit(MAX_DEPTH), ...limitRules()],
    // Stack traces never leave the server, whatever NODE_ENV says.
    includeStacktraceInErrorResponses: false,
    plugins: [
      costLimitPlugin(schema),
      {
        async requestDidStart({ contextValue, request }) {
          const started = performance.now();
          return {
            async willSendResponse({ errors }) {
              // Operation name, ids and codes only: never variables.
              logger.info(
                {
                  requestId: contextValue.requestId,
                  operation: request.operationName ?? null,
                  ms: Math.round(performance.now() - started),
                  errors: errors?.map((e) => e.extensions?.code ?? "ERROR"),
                },
                "graphql",
              );
            },
          };
        },
      },
    ],
  });
  return state.server;
}
