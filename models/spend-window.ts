import { Schema, model, models, type Model } from "mongoose";

// One per budget and calendar period that has a cap (`_id` `<budgetId>:<period key>`, e.g.
// `…:d2026-12-02`, lib/services/budgets/spend-periods.ts): what gateways committed in that period
// (spent plus reserved in slices, the guarded counter of lib/gateway/state/spend-windows.ts) and what was
// spent. A new period is a new document, so nothing is ever reset. Only the gateway writes here, and
// nothing here is an input of a call plan: not announced.
const spendWindowSchema = new Schema(
  {
    _id: { type: String, required: true },
    committedCents: { type: Number, default: 0 },
    spentCents: { type: Number, default: 0 },
    appliedOps: { type: [String], default: undefined },
  },
  { versionKey: false },
);

export type TSpendWindow = { _id: string; committedCents: number; spentCents: number; appliedOps?: string[] };
export const SpendWindow: Model<TSpendWindow> =
  (models.SpendWindow as Model<TSpendWindow>) ?? model<TSpendWindow>("SpendWindow", spendWindowSchema, "spend_windows");
