import { after, before } from "node:test";
import { MongoClient } from "mongodb";
import { env } from "@/lib/env";
import { disconnectDb } from "@/lib/db/connection";
import { ensureIndexes } from "@/lib/db/ensure-indexes";
import { splitNamespace } from "@/lib/crypto/field-encryption";

/** Creates the file's database before its tests and drops it (and its key vault) after them. */
export function useTestDatabase(): void {
  before(async () => {
    await ensureIndexes();
  });
  after(async () => {
    const client = await MongoClient.connect(env().MONGODB_URI);
    try {
      await client.db().dropDatabase();
      await client.db(splitNamespace(env().CSFLE_KEY_VAULT_NAMESPACE)[0]).dropDatabase();
    } finally {
      await client.close();
      await disconnectDb();
    }
  });
}

/** A plain driver connection with no encryption settings: what someone reading the raw database sees. */
export async function rawClient(): Promise<MongoClient> {
  return MongoClient.connect(env().MONGODB_URI);
}
