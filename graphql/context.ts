import { randomUUID } from "node:crypto";
import type { TActor } from "@/lib/services/actor";
import { createLoaders, type TLoaders } from "@/graphql/loaders";

export type TGraphQLContext = { actor: TActor; requestId: string; loaders: TLoaders };

/** The context of one request: who is calling, and loaders that batch and cache for this request only. */
export function createContext(actor: TActor, requestId: string = randomUUID()): TGraphQLContext {
  return { actor, requestId, loaders: createLoaders(actor) };
}
