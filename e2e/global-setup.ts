// Creates the test user with the admin CLI, in the run's database (chosen in playwright.config.ts).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { TEST_USER } from "./test-user";

const run = promisify(execFile);

export default async function globalSetup(): Promise<void> {
  const uri = process.env.E2E_MONGODB_URI;
  if (!uri) throw new Error("E2E_MONGODB_URI is not set: run through playwright.config.ts");
  const root = path.resolve(__dirname, "..");
  try {
    await run(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["scripts/admin.ts", "create-user", "--email", TEST_USER.email, "--password", TEST_USER.password],
      {
        cwd: root,
        timeout: 60_000,
        env: {
          ...process.env,
          MONGODB_URI: uri,
          CSFLE_KEY_VAULT_NAMESPACE: process.env.E2E_KEY_VAULT_NAMESPACE,
          LOG_LEVEL: "warn",
        },
      },
    );
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`admin create-user failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}
