import { apolloServer } from "@/graphql/server";
import { createContext } from "@/graphql/context";
import { handleGraphQLRequest } from "@/graphql/http";
import { actorFromRequest } from "@/lib/auth/request-actor";

const server = apolloServer();
server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();

async function handle(request: Request): Promise<Response> {
  return handleGraphQLRequest(server, request, async () => createContext(await actorFromRequest(request.headers)));
}

export { handle as GET, handle as POST };
