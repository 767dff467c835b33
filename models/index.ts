// Every model, so ensureIndexes() can create the indexes their schemas declare.
export { User } from "./user";
export { Tool } from "./tool";
export { Integration } from "./integration";
export { Credential } from "./credential";
export { Budget } from "./budget";
export { BudgetKey } from "./budget-key";
export { Binding } from "./binding";
export { PersonalAccessToken } from "./personal-access-token";
export { UsageBucket } from "./usage-bucket";
export { Warning } from "./warning";
export { CacheEpoch } from "./cache-epoch";
export { GatewayLease } from "./gateway-lease";
export { Migration } from "./migration";
export { OAuthToken } from "./oauth-token";
export { OAuthClient } from "./oauth-client";
export { OAuthState } from "./oauth-state";
