// Accounts for API tests, made the way an operator makes them: with the admin CLI.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { GraphQLClient } from "@/tests/helpers/graphql-client";

const run = promisify(execFile);
export const TEST_PASSWORD = "correct horse battery staple";

export async function admin(...args: string[]): Promise<string> {
  const { stdout } = await run("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], { env: process.env });
  return stdout;
}

/** A new user and a GraphQL client holding their personal access token (printed alone on the CLI's last line). */
export async function userWithToken(serverUrl: string, email: string): Promise<GraphQLClient> {
  await admin("create-user", "--email", email, "--password", TEST_PASSWORD);
  const token = (await admin("create-token", "--email", email, "--name", "tests")).trim().split("\n").at(-1)!;
  assert.match(token, /^vl_pat_[A-Za-z0-9_-]{43}$/);
  return new GraphQLClient(serverUrl, { authorization: `Bearer ${token}` });
}
