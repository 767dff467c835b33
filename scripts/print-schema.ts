// `npm run schema`: writes the merged GraphQL schema to ./schema.graphql (see graphql/sdl.ts).
import { writeFileSync } from "node:fs";
import { mergedSdl } from "@/graphql/sdl";

writeFileSync("schema.graphql", mergedSdl());
process.stdout.write("wrote schema.graphql\n");
