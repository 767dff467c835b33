// Writes that span collections (deleting a budget with its keys and bindings, a credential with its
// bindings) run in one transaction where the server has them (a MongoDB replica set or sharded cluster:
// production), and otherwise one after another (the local FerretDB has no transactions). Callers order
// their writes so that a failure between two of them never leaves a dangling reference: children first
// (keys and bindings), the record they point to last. Changes made inside a transaction are announced
// once it has committed (lib/changes/announce-writes.ts), so no process rebuilds a plan from what a
// transaction has not yet made visible.
import mongoose, { type ClientSession } from "mongoose";
import { connectDb } from "@/lib/db/connection";
import { deliverCommitted } from "@/lib/changes/announce-writes";

const slot = Symbol.for("vaultline.transactions");
type TState = { supported?: Promise<boolean> };
const state: TState = ((globalThis as Record<symbol, TState>)[slot] ??= {});

/** Runs `work` in a transaction when the server supports them, else directly; `session` is then undefined. */
export async function inTransaction<T>(work: (session: ClientSession | undefined) => Promise<T>): Promise<T> {
  if (!(await transactionsSupported())) return work(undefined);
  const session = await mongoose.startSession();
  try {
    const result = await session.withTransaction(() => work(session));
    deliverCommitted(session);
    return result as T;
  } finally {
    await session.endSession();
  }
}

function transactionsSupported(): Promise<boolean> {
  state.supported ??= connectDb()
    .then(async ({ connection }) => {
      const hello = await connection.db!.admin().command({ hello: 1 });
      return typeof hello.setName === "string" || hello.msg === "isdbgrid";
    })
    .catch(() => {
      state.supported = undefined;
      return false;
    });
  return state.supported;
}
