import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";
import { announceWrites } from "@/lib/changes/announce-writes";

const budgetSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    name: { type: String, required: true },
    // Slugs of the tools agents may call with this budget's keys.
    toolSlugs: { type: [String], default: [] },
    // null means no spending limit.
    limitCents: { type: Number, default: null },
    // Caps per calendar period in `timeZone` (IANA) and per call, next to the lifetime limit; null: none
    // (lib/gateway/state/spend-windows.ts).
    dayLimitCents: { type: Number, default: null },
    weekLimitCents: { type: Number, default: null },
    monthLimitCents: { type: Number, default: null },
    perCallLimitCents: { type: Number, default: null },
    timeZone: { type: String, default: "UTC" },
    // Calls per minute for the whole budget and for each of its keys (a key may set its own);
    // null: the gateway's defaults (VAULTLINE_RATE_LIMIT_*), 0: no limit (lib/gateway/state/rate-limits.ts).
    rateLimitPerMinute: { type: Number, default: null },
    keyRateLimitPerMinute: { type: Number, default: null },
    // Cost of the calls made so far (written in batches by the gateway).
    spentCents: { type: Number, default: 0 },
    // Spent plus the slices gateways have reserved and not yet used: the one guarded counter that keeps
    // spending within the limit (see lib/gateway/state/spend-slices.ts).
    committedCents: { type: Number, default: 0 },
    // Ids of the gateway's counter writes applied here and not yet confirmed by their writer, so that a
    // write retried after a lost answer is not counted twice (lib/gateway/state/apply-once.ts).
    appliedOps: { type: [String], default: undefined },
  },
  { timestamps: true },
);
budgetSchema.index({ ownerId: 1 });
// Spending counters are the gateway's own bookkeeping, not an input of a call plan.
budgetSchema.plugin(announceWrites, { model: "Budget", counters: ["spentCents", "committedCents", "appliedOps"] });

export type TBudget = InferSchemaType<typeof budgetSchema>;
export const Budget: Model<TBudget> = (models.Budget as Model<TBudget>) ?? model<TBudget>("Budget", budgetSchema);
