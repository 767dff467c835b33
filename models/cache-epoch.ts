import { Schema, model, models, type Model } from "mongoose";

// One counter, bumped by every announced change (lib/changes/changes.ts), so that every process (more
// gateway copies) notices within a second and drops what it derived from the old records.
const cacheEpochSchema = new Schema({ _id: { type: String, required: true }, epoch: { type: Number, default: 0 } }, { versionKey: false });

export type TCacheEpoch = { _id: string; epoch: number };
export const CacheEpoch: Model<TCacheEpoch> =
  (models.CacheEpoch as Model<TCacheEpoch>) ?? model<TCacheEpoch>("CacheEpoch", cacheEpochSchema, "cache_epochs");
