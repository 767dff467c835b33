// The mongoose plugin behind changes.ts: every write through a watched model announces a change once it
// has succeeded. Mongoose runs these hooks for every write it makes (documents saved or deleted, query
// updates and deletes, insertMany, bulkWrite), so a new service cannot forget them; only the driver's own
// collection methods go around mongoose, and tests/changes.test.ts refuses those on watched models.
//
// Counters the gateway itself keeps (spent totals, last-use stamps) are no input of a call plan: a write
// that touches nothing else is not announced, or every usage flush would drop every plan.
import type { ClientSession, Query, Schema } from "mongoose";
import { announceChange, type TChange, type TWatchedModel } from "@/lib/changes/changes";

type TOptions = { model: TWatchedModel; counters?: string[] };

// Changes made inside a transaction (lib/db/transaction.ts), held until it commits.
const pending = new WeakMap<ClientSession, TChange[]>();

/** Announces what a committed transaction changed. */
export function deliverCommitted(session: ClientSession): void {
  for (const change of pending.get(session) ?? []) announceChange(change);
  pending.delete(session);
}

function announceAfter(session: ClientSession | null | undefined, change: TChange): void {
  if (!session?.inTransaction()) return announceChange(change);
  pending.set(session, [...(pending.get(session) ?? []), change]);
}

const QUERY_WRITES = ["updateOne", "updateMany", "findOneAndUpdate", "replaceOne", "findOneAndReplace", "deleteOne", "deleteMany", "findOneAndDelete"] as const;
const TIMESTAMPS = ["createdAt", "updatedAt"];

export function announceWrites(schema: Schema, { model, counters = [] }: TOptions): void {
  const ignored = new Set([...counters, ...TIMESTAMPS]);
  const announce = (session: ClientSession | null | undefined, budgetIds: string[] | "all") =>
    announceAfter(session, { model, budgetIds: model === "Budget" ? budgetIds : [] });
  type TDoc = { _id: unknown; $session(): ClientSession | null };

  // A document's own deleteOne() runs as a query too, and is heard below.
  schema.post("save", function (doc: TDoc) {
    announce(doc.$session(), [String(doc._id)]);
  });
  schema.post([...QUERY_WRITES], { document: false, query: true }, function (this: Query<unknown, unknown>) {
    const update = this.getUpdate();
    if (update && touchesOnly(update, ignored)) return;
    announce(this.getOptions().session, budgetIdsOf(this.getFilter()));
  });
  // Documents inserted or written in bulk: which budgets is not worth finding out for these rare writes.
  schema.post("insertMany", function () {
    announce(undefined, "all");
  });
  schema.post("bulkWrite", function () {
    announce(undefined, "all");
  });
}

/** True when an operator update sets nothing but the given fields (a replacement or pipeline never is). */
function touchesOnly(update: object, fields: Set<string>): boolean {
  if (Array.isArray(update)) return false;
  return Object.entries(update).every(
    ([operator, paths]) => operator.startsWith("$") && typeof paths === "object" && paths !== null && Object.keys(paths).every((path) => fields.has(path)),
  );
}

/** The budgets a filter names by `_id`, else "all". */
function budgetIdsOf(filter: Record<string, unknown>): string[] | "all" {
  const id = filter._id;
  if (id === undefined || id === null) return "all";
  if (typeof id === "object" && !("_bsontype" in id)) {
    const $in = (id as { $in?: unknown }).$in;
    return Array.isArray($in) && Object.keys(id).length === 1 ? $in.map(String) : "all";
  }
  return [String(id)];
}
