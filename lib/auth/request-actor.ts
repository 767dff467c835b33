// Who is calling: a personal access token (Authorization: Bearer vl_pat_...) or a dashboard session.
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { connectDb } from "@/lib/db/connection";
import type { TActor } from "@/lib/services/actor";
import { authenticateAccessToken } from "@/lib/services/tokens/access-tokens.service";

export async function actorFromRequest(headers: Headers): Promise<TActor> {
  await connectDb();
  const authorization = headers.get("authorization");
  if (authorization) {
    // A token that is sent but invalid never falls back to the session: the caller meant the token.
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? authenticateAccessToken(match[1]!) : { kind: "anonymous" };
  }
  return sessionActor();
}

/** The signed-in person of a server component, server action or route handler. */
export async function sessionActor(): Promise<TActor> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return userId ? { kind: "user", userId } : { kind: "anonymous" };
}
