// Drops the run's database (users, sessions' data and the key vault all live in it).
import { MongoClient } from "mongodb";
import { databaseName } from "./mongodb-uri";

export default async function globalTeardown(): Promise<void> {
  const uri = process.env.E2E_MONGODB_URI;
  if (!uri) return;
  const name = databaseName(uri);
  // Only ever a database this config named; never one passed in from outside by mistake.
  if (!/^vl_e2e_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop database "${name}"`);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}
