import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

// Which one-time data migrations have run (by name), so a start after them reads one _id and nothing else.
const migrationSchema = new Schema({ _id: { type: String, required: true }, doneAt: { type: Date, required: true } }, { versionKey: false });

export type TMigration = InferSchemaType<typeof migrationSchema>;
export const Migration: Model<TMigration> = (models.Migration as Model<TMigration>) ?? model<TMigration>("Migration", migrationSchema);
