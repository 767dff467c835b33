// Socket pools for the requests Vaultline makes on its own account: OAuth 2 token and revocation
// requests, credential verify requests. Apart from the tools' pools (lib/gateway/state/bulkheads.ts says
// why tools have their own): a slow provider holds its own requests, never a tool's vendor calls. At
// most one refresh per credential is in flight, and verify runs when a person saves or tests.
import http from "node:http";
import https from "node:https";
import type { TVendorPools } from "@/lib/services/invoke/vendor-client";

const MAX_SOCKETS = 64;

export const SIDE_POOLS: TVendorPools = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
};
