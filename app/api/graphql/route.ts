import { randomUUID } from "node:crypto";
import { apolloServer } from "@/graphql/server";
import { createContext } from "@/graphql/context";
import { handleGraphQLRequest } from "@/graphql/http";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { requestAuditContext, withAuditContext } from "@/lib/services/audit/audit-context";

const server = apolloServer();
server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();

async function handle(request: Request): Promise<Response> {
  // Who is calling is known before the operation runs, so every change it makes is audited as theirs.
  const actor = await actorFromRequest(request.headers);
  const requestId = randomUUID();
  return withAuditContext(requestAuditContext(actor, clientAddressFrom(request.headers), requestId), () =>
    handleGraphQLRequest(server, request, async () => createContext(actor, requestId)),
  );
}

export { handle as GET, handle as POST };
