// GraphQL over HTTP: the request as Apollo wants it, with the body bounded and parsed here, so that a
// huge body is refused before it is read and a malformed one gets a GraphQL error instead of a crash.
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from "@apollo/server";

/** The largest request body accepted (the introspection query is under 2 KiB; queries are ~1 KiB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Handles one request: reads it (within the limit), hands it to Apollo and returns its answer. */
export async function handleGraphQLRequest<TContext extends object>(
  server: ApolloServer<TContext>,
  request: Request,
  context: () => Promise<TContext>,
): Promise<Response> {
  const read = await readRequest(request);
  if (read instanceof Response) return read;
  const answer = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: read, context });
  const headers = new Headers();
  for (const [name, value] of answer.headers) headers.set(name, value);
  if (answer.body.kind === "complete") return new Response(answer.body.string, { status: answer.status ?? 200, headers });
  const chunks = answer.body.asyncIterator;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new TextEncoder().encode(next.value));
    },
  });
  return new Response(stream, { status: answer.status ?? 200, headers });
}

async function readRequest(request: Request): Promise<HTTPGraphQLRequest | Response> {
  const headers = new HeaderMap();
  request.headers.forEach((value, name) => headers.set(name, value));
  const url = new URL(request.url);
  const base = { method: request.method.toUpperCase(), headers, search: url.search };
  // Only POST carries an operation in its body; a GET's body (if any) is not read.
  if (base.method !== "POST") return { ...base, body: undefined };

  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const text = await readText(request, MAX_BODY_BYTES);
  if (text === null) return tooLarge();
  if (mediaType(request.headers.get("content-type")) !== "application/json") return { ...base, body: text };
  try {
    return { ...base, body: JSON.parse(text) as unknown };
  } catch {
    return errorResponse(400, "BAD_REQUEST", "The request body is not valid JSON.");
  }
}

/** The body as text, or null as soon as it is longer than `max` bytes (the rest is not read). */
async function readText(request: Request, max: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** "application/json; charset=utf-8" → "application/json". */
function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

function tooLarge(): Response {
  return errorResponse(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
}

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status, headers: { "content-type": "application/json; charset=utf-8" } });
}
