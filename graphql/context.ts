import type { TActor } from "@/lib/services/actor";

export type TGraphQLContext = { actor: TActor; requestId: string };
