// The API's schema for tools (graphql-codegen, IDEs) without a token: it describes the API, holds no data,
// and is the same as ./schema.graphql in the repository.
import { mergedSdl } from "@/graphql/sdl";

let sdl: string | undefined;

export function GET(): Response {
  sdl ??= mergedSdl();
  return new Response(sdl, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=300" } });
}
