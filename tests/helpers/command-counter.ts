// Counts the commands the mongodb driver sends (command monitoring), to tell constant from proportional.
// Import it right after test-env: it turns monitoring on in the connection string before anything reads
// the configuration.
import mongoose from "mongoose";
import type { CommandStartedEvent } from "mongodb";

const url = new URL(process.env.MONGODB_URI!);
url.searchParams.set("monitorCommands", "true");
process.env.MONGODB_URI = url.toString();

export type TCommandCount = { total: number; byName: Record<string, number> };

// Writes other parts of the process make in the background (announcing a change to the shared epoch,
// a gateway's lease heartbeat) are not the work being counted.
const BACKGROUND_COLLECTIONS = new Set(["cache_epochs", "gateway_leases"]);

/** The commands sent while `run` runs, by name (the session's own housekeeping excluded). */
export async function countCommands(run: () => Promise<unknown>): Promise<TCommandCount> {
  const client = mongoose.connection.getClient();
  const byName: Record<string, number> = {};
  let total = 0;
  const listener = (event: CommandStartedEvent) => {
    if (["hello", "isMaster", "ismaster", "endSessions", "ping"].includes(event.commandName)) return;
    if (BACKGROUND_COLLECTIONS.has(String(event.command[event.commandName]))) return;
    byName[event.commandName] = (byName[event.commandName] ?? 0) + 1;
    total++;
  };
  client.on("commandStarted", listener);
  try {
    await run();
  } finally {
    client.off("commandStarted", listener);
  }
  return { total, byName };
}
