import { Schema, model, models, type Model } from "mongoose";

// One per rate-limited scope and minute (`_id` `<scope>:<minute since the epoch>`, scope `b<budgetId>`
// or `k<key id>`): the calls gateways have taken a share of (lib/gateway/state/rate-limits.ts), guarded
// so that the shares never add up past the limit. Old minutes are never read again; they are not
// swept yet (one small document per active key and minute).
const rateWindowSchema = new Schema({ _id: { type: String, required: true }, taken: { type: Number, default: 0 } }, { versionKey: false });

export type TRateWindow = { _id: string; taken: number };
export const RateWindow: Model<TRateWindow> = (models.RateWindow as Model<TRateWindow>) ?? model<TRateWindow>("RateWindow", rateWindowSchema, "rate_windows");
