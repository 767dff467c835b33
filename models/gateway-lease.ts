import { Schema, model, models, type Model } from "mongoose";

// One per running gateway process: a heartbeat, and the budget money it holds in slices that is neither
// spent (written by a usage flush) nor given back. When a gateway dies without returning its slices, the
// next gateway to notice (lib/gateway/state/gateway-leases.ts) gives that money back to each budget. A
// small collection: the gateways alive, and the dead ones until they are reclaimed.
const gatewayLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    seenAt: { type: Date, required: true },
    // budgetId → cents held in this gateway's slices.
    held: { type: Schema.Types.Mixed, default: {} },
    // Ids of writes applied to this document whose success its writer has not yet confirmed (apply-once.ts).
    appliedOps: { type: [String], default: [] },
    // Set by the gateway reclaiming this lease, so that two do not reclaim it at once.
    claimedBy: { type: String, default: null },
    claimedAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);

export type TGatewayLease = {
  _id: string;
  seenAt: Date;
  held: Record<string, number>;
  appliedOps: string[];
  claimedBy: string | null;
  claimedAt: Date | null;
};
export const GatewayLease: Model<TGatewayLease> =
  (models.GatewayLease as Model<TGatewayLease>) ?? model<TGatewayLease>("GatewayLease", gatewayLeaseSchema, "gateway_leases");
