import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { startServerAndCreateNextHandler } from "@as-integrations/next";
import { apolloServer } from "@/graphql/server";
import type { TGraphQLContext } from "@/graphql/context";
import { actorFromRequest } from "@/lib/auth/request-actor";

const handler = startServerAndCreateNextHandler<NextRequest, TGraphQLContext>(apolloServer(), {
  context: async (req) => ({ actor: await actorFromRequest(req.headers), requestId: randomUUID() }),
});

export async function GET(request: NextRequest): Promise<Response> {
  return handler(request);
}

export async function POST(request: NextRequest): Promise<Response> {
  return handler(request);
}
