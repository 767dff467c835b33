// An integrator's first hour, against the built server: graphql-codegen reads the live endpoint with a
// personal access token, generates typed operations for a README query, and the result compiles under
// `tsc --strict`; the SDL served at /api/graphql/schema.graphql is the schema introspection reports.
import "@/tests/helpers/test-env";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { generate } from "@graphql-codegen/cli";
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from "graphql";
import { useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { userWithToken } from "@/tests/helpers/accounts";
import type { GraphQLClient } from "@/tests/helpers/graphql-client";

useTestDatabase();
const run = promisify(execFile);

let server: TAppServer;
let alice: GraphQLClient;
let dir: string;

before(async () => {
  server = await startAppServer();
  alice = await userWithToken(server.url, "codegen@example.com");
  // Inside the repository, so that the generated code resolves graphql's packages as a client project would.
  await mkdir(path.join("node_modules", ".cache"), { recursive: true });
  dir = await mkdtemp(path.join(process.cwd(), "node_modules", ".cache", "vaultline-codegen-"));
});

after(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("the served SDL is what introspection with a token reports", async () => {
  const sdl = await (await fetch(`${server.url}/api/graphql/schema.graphql`)).text();
  assert.equal(sdl, await readFile("schema.graphql", "utf8"));
  const { data } = await alice.request<IntrospectionQuery>(getIntrospectionQuery({ descriptions: true }));
  assert.ok(data, "a token may introspect");
  assert.equal(`${printSchema(lexicographicSortSchema(buildClientSchema(data)))}\n`, sdl);
});

test("graphql-codegen against the live endpoint generates types that compile and match a real answer", async () => {
  const token = alice.headers.authorization!;
  await writeFile(
    path.join(dir, "budgets.graphql"),
    `query Budgets($first: Int) { budgetConnection(first: $first) { totalCount nodes { id name limitCents spentCents tools { id slug } } pageInfo { hasNextPage endCursor } } }\n`,
  );
  await generate(
    {
      schema: { [`${server.url}/api/graphql`]: { headers: { authorization: token } } },
      documents: path.join(dir, "budgets.graphql"),
      // The client preset: what graphql-codegen's docs start an application with.
      generates: { [`${path.join(dir, "gql")}/`]: { preset: "client", config: { scalars: { DateTime: "string" } } } },
      silent: true,
    },
    true,
  );
  await writeFile(
    path.join(dir, "use.ts"),
    [
      `import type { BudgetsQuery, BudgetsQueryVariables } from "./gql/graphql";`,
      `export const variables: BudgetsQueryVariables = { first: 10 };`,
      `export function names(answer: BudgetsQuery): string[] {`,
      `  return (answer.budgetConnection.nodes ?? []).map((b) => \`\${b.name}: \${b.spentCents} of \${b.limitCents ?? "no limit"}\`);`,
      `}`,
    ].join("\n"),
  );
  // Compiled as an integrator's project would: strict, on its own (no path aliases of ours).
  await run("node_modules/.bin/tsc", ["--noEmit", "--strict", "--skipLibCheck", "--module", "esnext", "--moduleResolution", "bundler", "--target", "es2022", path.join(dir, "use.ts")]).catch((error: { stdout?: string }) => {
    throw new Error(`the generated client does not compile:\n${error.stdout}`);
  });

  await alice.ok(`mutation { createBudget(input: { name: "Typed" }) { id } }`);
  const { BudgetsDocument } = (await import(path.join(dir, "gql", "graphql.ts"))) as { BudgetsDocument: unknown };
  const { print } = await import("graphql");
  const answer = await alice.ok(print(BudgetsDocument as never), { first: 10 });
  assert.equal(answer.budgetConnection.totalCount, 1);
  assert.equal(answer.budgetConnection.nodes[0].name, "Typed");
});
