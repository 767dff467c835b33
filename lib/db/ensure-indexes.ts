// Creates the indexes the schemas declare and the key vault's index. Run at start and by tests; cheap
// when they exist already.
import * as models from "@/models";
import { connectDb } from "@/lib/db/connection";
import { ensureKeyVault } from "@/lib/crypto/field-encryption";

export async function ensureIndexes(): Promise<void> {
  await connectDb();
  for (const model of Object.values(models)) {
    await model.createCollection().catch(() => undefined); // exists already
    await model.ensureIndexes();
  }
  await ensureKeyVault();
}
