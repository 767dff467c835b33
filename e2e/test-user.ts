// The dashboard user global-setup.ts creates in the run's fresh database.
import path from "node:path";

export const TEST_USER = {
  email: "e2e-user@example.com",
  password: "e2e correct horse battery",
} as const;

/** Session cookie saved by auth.setup.ts (git-ignored). */
export const AUTH_FILE = path.join(__dirname, ".auth", "user.json");
