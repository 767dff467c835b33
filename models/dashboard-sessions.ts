import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

// The dashboard sessions of one person that are still open: one document per user (`_id` is the user's
// id), so checking a session is one `_id` lookup and the collection grows with users, not with sign-ins.
// A session cookie (a next-auth JWT) names its session id; one that is not listed here is refused, which
// is how signing out ends a session before its cookie expires.
const dashboardSessionsSchema = new Schema({
  _id: { type: String, required: true },
  open: {
    type: [{ _id: false, id: { type: String, required: true }, expiresAt: { type: Date, required: true } }],
    default: [],
  },
  // Bumped by every change: writers compare-and-set on it (lib/services/users/dashboard-sessions.service.ts).
  version: { type: Number, required: true, default: 0 },
});

export type TDashboardSessions = InferSchemaType<typeof dashboardSessionsSchema>;
export const DashboardSessions: Model<TDashboardSessions> =
  (models.DashboardSessions as Model<TDashboardSessions>) ??
  model<TDashboardSessions>("DashboardSessions", dashboardSessionsSchema, "dashboard_sessions");
