// The merged schema as SDL: what `GET /api/graphql/schema.graphql` serves and `npm run schema` writes to
// ./schema.graphql (kept in the repo, so a change to the API shows in review; a test fails when it is stale).
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "@/graphql/schema";

export function mergedSdl(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
