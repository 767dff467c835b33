// An owner's lists (budgets, credentials, credentials of one integration) as ids in one document read by
// `_id`, so that a page never filters a collection by owner. Measured on the local database (FerretDB v1 on
// SQLite, 4,000 documents, a busy machine): a find by `_id` 12 to 30 ms, but `{ _id, ownerId }`, `_id: { $in }`,
// an `_id` range and `{ ownerId }` read the whole collection (130 to 400 ms); 50 finds by `_id` in
// parallel ~100 ms; a list document of 2,000 ids ~55 to 90 ms, of 100 ids ~27 ms.
//
// Kept true by write order, in the services that create and delete (the one writer of each collection):
// an id is listed before its document is inserted and unlisted after it is deleted. A failure in between
// leaves a listed id without a document, never a document without its listing: readers skip such an id
// and prune it once it is older than a minute (its ObjectId's time: an insert in flight is younger).
// Documents written outside Vaultline, or before the lists existed, are listed by the start-up rebuild
// (`rebuild-owner-lists.ts`); deleting its `migrations` record makes the next start rebuild.
import type { Model, Types } from "mongoose";
import { OwnerList } from "@/models/owner-list";
import type { TOwnerId } from "@/lib/services/actor";
import { idCursor, parseIdCursor, type TPage } from "@/lib/services/paging";

/** The `_id` of each list. */
export const ownerListKey = {
  budgets: (ownerId: TOwnerId) => `budgets:${ownerId.toHexString()}`,
  credentials: (ownerId: TOwnerId) => `credentials:${ownerId.toHexString()}`,
  credentialsOf: (ownerId: TOwnerId, integrationId: string) => `credentials:${ownerId.toHexString()}:${integrationId}`,
};

/** How long an insert may take between listing its id and writing its document. */
const IN_FLIGHT_MS = 60_000;

type TOwned = { _id: Types.ObjectId; ownerId: Types.ObjectId };

/** Lists `id` in each list, before its document is written. */
export async function listId(keys: string[], id: Types.ObjectId): Promise<void> {
  await Promise.all(keys.map((key) => OwnerList.updateOne({ _id: key }, { $addToSet: { ids: id } }, { upsert: true })));
}

/** Unlists `id` from each list, after its document is deleted. */
export async function unlistId(keys: string[], id: Types.ObjectId): Promise<void> {
  await Promise.all(keys.map((key) => OwnerList.updateOne({ _id: key }, { $pull: { ids: id } })));
}

/** A list's ids, oldest first (ObjectIds grow with creation). */
export async function readList(key: string): Promise<Types.ObjectId[]> {
  const list = await OwnerList.findById(key).lean();
  return (list?.ids ?? []).sort((a, b) => a.toHexString().localeCompare(b.toHexString()));
}

function ownedOf<T extends TOwned>(rows: (T | null)[], ownerId: TOwnerId): T[] {
  return rows.filter((row): row is T => !!row && row.ownerId.equals(ownerId));
}

/** A list's documents of these ids, in their order, one `_id` lookup each (in parallel), another owner's left out; listed ids without a document are pruned. */
export async function fetchListed<T extends TOwned>(model: Model<never>, key: string, ownerId: TOwnerId, ids: Types.ObjectId[]): Promise<{ found: T[]; missing: number }> {
  const rows = await Promise.all(ids.map((id) => model.findById(id).lean<T>()));
  const found = ownedOf(rows, ownerId);
  const gone = ids.filter((id, i) => !rows[i] && Date.now() - id.getTimestamp().getTime() > IN_FLIGHT_MS);
  if (gone.length) await OwnerList.updateOne({ _id: key }, { $pullAll: { ids: gone } });
  return { found, missing: ids.length - found.length };
}

/**
 * A cursor page of a list (the cursors of lib/services/paging.ts: the item's `_id`), oldest or newest
 * first. Reads the list and `first` documents; `totalCount` is the list's length, less what was found missing.
 */
export async function listedPage<T extends TOwned>(
  model: Model<never>,
  key: string,
  ownerId: TOwnerId,
  page: { first: number; after: string | null | undefined; newestFirst: boolean },
): Promise<TPage<T>> {
  const after = page.after ? parseIdCursor(page.after).toHexString() : null;
  const all = await readList(key);
  const ordered = page.newestFirst ? all.reverse() : all;
  let rest = after ? ordered.filter((id) => (page.newestFirst ? id.toHexString() < after : id.toHexString() > after)) : ordered;
  const items: T[] = [];
  let missing = 0;
  // A listed id without its document leaves the page short: read on until it is full or the list ends.
  while (items.length < page.first && rest.length) {
    const take = rest.slice(0, page.first - items.length);
    rest = rest.slice(take.length);
    const read = await fetchListed<T>(model, key, ownerId, take);
    items.push(...read.found);
    missing += read.missing;
  }
  return { items, cursors: items.map((item) => idCursor(item._id)), hasNextPage: rest.length > 0, totalCount: all.length - missing };
}
