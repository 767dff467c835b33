// One mongoose connection per process. Kept on globalThis because Next.js bundles its own copy of lib/
// next to the plain one that processes/dashboard.ts loads: both must share a single pool.
import mongoose from "mongoose";
import { env } from "@/lib/env";
import { watchDatabase } from "@/lib/db/health";

const slot = Symbol.for("vaultline.db");
type Slot = { connecting?: Promise<typeof mongoose> };
const state: Slot = ((globalThis as Record<symbol, Slot>)[slot] ??= {});

mongoose.set("strictQuery", true);
// Indexes are created by ensureIndexes() at start and in tests, not lazily on first use.
mongoose.set("autoIndex", false);

export function connectDb(): Promise<typeof mongoose> {
  state.connecting ??= mongoose
    // A heartbeat each second tells lib/db/health.ts within about a second that the database went away;
    // the short selection timeout bounds how long a request can wait before that is known.
    .connect(env().MONGODB_URI, { serverSelectionTimeoutMS: 3_000, heartbeatFrequencyMS: 1_000, maxPoolSize: 20 })
    .then((connected) => {
      watchDatabase(connected.connection.getClient());
      return connected;
    })
    .catch((error: unknown) => {
      state.connecting = undefined;
      throw error;
    });
  return state.connecting;
}

export async function disconnectDb(): Promise<void> {
  if (!state.connecting) return;
  state.connecting = undefined;
  await mongoose.disconnect();
}

/** The native driver client behind mongoose, for the key vault and raw reads. */
export async function mongoClient() {
  return (await connectDb()).connection.getClient();
}
