// End-to-end tests: Debian's Chromium drives the production build (`.next`, from `next build`) served by
// processes/app.ts on a fixed port, against a fresh database per run that e2e/global-teardown.ts drops again.
// `npm test` runs this after the build with MONGODB_URI pointing at a throwaway FerretDB; on its own
// (`npm run test:e2e`) it takes MONGODB_URI from the environment or .env.local. E2E_PORT moves the port.
import { randomBytes } from "node:crypto";
import { loadEnvConfig } from "@next/env";
import { defineConfig } from "@playwright/test";
import { withDatabase } from "./e2e/mongodb-uri";

// This module is evaluated again in every worker process. Workers inherit the main process's environment,
// so anything chosen here is chosen once (`??=`) and globalSetup, the web server, the tests and
// globalTeardown all see the same database.
loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
const baseUri = process.env.MONGODB_URI;
if (!baseUri) throw new Error("MONGODB_URI is not set (run `npm run setup`, or run the tests with `npm test`)");
process.env.E2E_DB_NAME ??= `vl_e2e_${randomBytes(6).toString("hex")}`;
process.env.E2E_MONGODB_URI ??= withDatabase(baseUri, process.env.E2E_DB_NAME);
// The key vault goes into the same database, so that dropping it leaves nothing of the run behind.
process.env.E2E_KEY_VAULT_NAMESPACE ??= `${process.env.E2E_DB_NAME}.__keyVault`;

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Signs in once and saves the session cookie; specs that need a session reuse it (CONVENTIONS §11).
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", testMatch: /\.spec\.ts$/, dependencies: ["setup"] },
  ],
  webServer: {
    command: "node_modules/.bin/tsx processes/app.ts",
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: baseURL,
      NEXTAUTH_URL: baseURL,
      MONGODB_URI: process.env.E2E_MONGODB_URI,
      CSFLE_KEY_VAULT_NAMESPACE: process.env.E2E_KEY_VAULT_NAMESPACE,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  },
});
