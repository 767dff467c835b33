import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

// The ids of one owner's list (their budgets; their credentials, all or of one integration), read by
// `_id`: the local database pushes down nothing but `_id` equality, so a filter on `ownerId` reads the
// whole collection (lib/services/owner-lists/owner-lists.ts says how it is kept true).
const ownerListSchema = new Schema(
  { _id: { type: String, required: true }, ids: { type: [Schema.Types.ObjectId], default: [] } },
  { versionKey: false },
);

export type TOwnerList = InferSchemaType<typeof ownerListSchema>;
export const OwnerList: Model<TOwnerList> = (models.OwnerList as Model<TOwnerList>) ?? model<TOwnerList>("OwnerList", ownerListSchema, "owner_lists");
