import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    name: { type: String, trim: true, maxlength: 100 },
    passwordHash: { type: String, required: true },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });

export type TUser = InferSchemaType<typeof userSchema>;
export const User: Model<TUser> = (models.User as Model<TUser>) ?? model<TUser>("User", userSchema);
