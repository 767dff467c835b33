// Counter writes the gateway retries until they succeed (spent totals, returned slices, held money) must
// count once even when an earlier try was applied and only its answer was lost. Each write carries an id:
// it applies only to a document that does not list the id yet, and lists it; once the writer knows it
// applied, the id is removed again. A retry of an applied write finds its id and changes nothing.
import type { UpdateQuery } from "mongoose";

/** A model whose documents have `appliedOps` (budgets, gateway leases). */
type TCountersModel = {
  updateOne(filter: Record<string, unknown>, update: UpdateQuery<unknown>, options: { timestamps: false }): PromiseLike<unknown>;
};

/** `$inc` once on the document `_id` of `model`, however often this is called with the same `opId`. */
export async function incrementOnce(model: TCountersModel, _id: unknown, opId: string, inc: Record<string, number>): Promise<void> {
  await model.updateOne({ _id, appliedOps: { $ne: opId } }, { $inc: inc, $push: { appliedOps: opId } }, { timestamps: false });
  await model.updateOne({ _id }, { $pull: { appliedOps: opId } }, { timestamps: false });
}
