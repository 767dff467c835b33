// Lists every budget and credential in its owner's lists (owner-lists.ts), once: at the first start
// with the lists, for the data written before them. One pass over each collection; later starts read the
// `migrations` record by `_id`. Deleting that record (`db.migrations.deleteOne({ _id: "2026-12-owner-lists" })`)
// makes the next start rebuild, e.g. after documents were written outside Vaultline.
import type { Types } from "mongoose";
import { Migration } from "@/models/migration";
import { OwnerList } from "@/models/owner-list";
import { Budget } from "@/models/budget";
import { Credential } from "@/models/credential";
import { ownerListKey } from "@/lib/services/owner-lists/owner-lists";
import { logger } from "@/lib/log/logger";

const NAME = "2026-12-owner-lists";

export async function rebuildOwnerLists(): Promise<void> {
  if (await Migration.exists({ _id: NAME })) return;
  const lists = new Map<string, Types.ObjectId[]>();
  const add = (key: string, id: Types.ObjectId) => lists.set(key, [...(lists.get(key) ?? []), id]);
  for (const budget of await Budget.find({}, { ownerId: 1 }).lean()) add(ownerListKey.budgets(budget.ownerId), budget._id);
  for (const credential of await Credential.find({}, { ownerId: 1, integrationId: 1 }).lean()) {
    add(ownerListKey.credentials(credential.ownerId), credential._id);
    add(ownerListKey.credentialsOf(credential.ownerId, credential.integrationId), credential._id);
  }
  // $addToSet: an id listed by a create running meanwhile stays listed.
  for (const [key, ids] of lists) await OwnerList.updateOne({ _id: key }, { $addToSet: { ids: { $each: ids } } }, { upsert: true });
  await Migration.updateOne({ _id: NAME }, { $set: { doneAt: new Date() } }, { upsert: true });
  logger.info({ lists: lists.size }, "listed budgets and credentials by owner");
}
