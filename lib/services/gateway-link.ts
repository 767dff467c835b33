// How a change made through the dashboard reaches the gateway's memory at once. In `npm start`, Next.js
// (where server actions and GraphQL resolvers call the services) runs in a child process of the gateway
// (lib/gateway/dashboard-process.ts); the gateway keeps warm call plans (hot-path-cache.ts) and budget
// slices (spend-slices.ts). A service that changes what those depend on also tells the gateway over the
// IPC channel. Other gateway copies (`npm run gateway`) learn from the cache epoch within a second.

/** Set by the gateway in the environment of the dashboard process it starts. */
export const GATEWAY_LINK_ENV = "VAULTLINE_GATEWAY_LINK";

export type TGatewayMessage = { type: "vaultline:invalidate" } | { type: "vaultline:release-slice"; budgetId: string };

/** Tells the gateway this process was started by, if any. */
export function tellGateway(message: TGatewayMessage): void {
  if (process.env[GATEWAY_LINK_ENV] === "1" && process.send && process.connected) process.send(message);
}

export function isGatewayMessage(value: unknown): value is TGatewayMessage {
  const type = (value as { type?: unknown } | null)?.type;
  if (type === "vaultline:invalidate") return true;
  return type === "vaultline:release-slice" && typeof (value as { budgetId?: unknown }).budgetId === "string";
}
