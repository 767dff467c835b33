// Import first in every integration test file: gives the file a database of its own (and a key vault of
// its own) on the server `npm test` started, before any module reads the configuration.
import { randomBytes } from "node:crypto";

const base = process.env.MONGODB_URI;
if (!base) throw new Error("MONGODB_URI is not set: run the suite with `npm test`");

const url = new URL(base);
export const testDbName = `vl_test_${randomBytes(5).toString("hex")}`;
url.pathname = `/${testDbName}`;
process.env.MONGODB_URI = url.toString();
process.env.CSFLE_KEY_VAULT_NAMESPACE = `${testDbName}_keys.__keyVault`;
process.env.LOG_LEVEL ??= "warn";
