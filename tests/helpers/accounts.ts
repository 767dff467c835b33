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

/** `admin create-user` with the password on stdin, as the README shows (not on the command line). */
export async function createUserWithPassword(email: string, password: string = TEST_PASSWORD): Promise<string> {
  const child = execFile("node_modules/.bin/tsx", ["scripts/admin.ts", "create-user", "--email", email, "--password-stdin"], { env: process.env });
  child.stdin!.end(`${password}\n`);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += String(d)));
  child.stderr!.on("data", (d: Buffer) => (stderr += String(d)));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  if (code !== 0) throw new Error(`create-user failed (${code}): ${stderr}`);
  return stdout;
}

/** A new user and a GraphQL client holding their personal access token (printed alone on the CLI's last line). */
export async function userWithToken(serverUrl: string, email: string): Promise<GraphQLClient> {
  await createUserWithPassword(email);
  const token = (await admin("create-token", "--email", email, "--name", "tests")).trim().split("\n").at(-1)!;
  assert.match(token, /^vl_pat_[A-Za-z0-9_-]{43}$/);
  return new GraphQLClient(serverUrl, { authorization: `Bearer ${token}` });
}
