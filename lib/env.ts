// The one place that reads process.env. Parsed once, on first use (so that `next build` does not need a
// database), validated with zod, frozen. A bad configuration fails with every problem listed at once.
import { loadEnvConfig } from "@next/env";
import { z } from "zod";
import { invalidProxyEntries } from "@/lib/net/trusted-proxies";

const boolFlag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const optional = z.string().trim().min(1).optional().catch(undefined);

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: z.url().optional(),
    NEXTAUTH_URL: z.url().optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (setup generates one)"),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, "must be a mongodb:// or mongodb+srv:// URI"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Tool endpoints on loopback/private/link-local addresses are refused unless this is 1 (tests, local dev).
    VAULTLINE_ALLOW_PRIVATE_HOSTS: boolFlag,
    VAULTLINE_VENDOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
    VAULTLINE_VENDOR_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
    // Bulkheads (lib/gateway/state/bulkheads.ts): vendor calls in flight per tool and per budget, per gateway process.
    VAULTLINE_TOOL_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(64),
    VAULTLINE_BUDGET_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(128),
    // Raw usage records (each call) are kept this many days; daily roll-ups are kept for good.
    VAULTLINE_USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    // How long a stopping gateway waits for the requests in flight (more than a vendor call's deadline).
    VAULTLINE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
    // How long a gateway may go unheard before another gives back the budget money it held.
    VAULTLINE_GATEWAY_LEASE_TTL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    // Calls per minute when a budget (or its keys) sets no rate limit of its own; 0: no limit.
    VAULTLINE_RATE_LIMIT_BUDGET_PER_MINUTE: z.coerce.number().int().min(0).max(10_000_000).default(0),
    VAULTLINE_RATE_LIMIT_KEY_PER_MINUTE: z.coerce.number().int().min(0).max(10_000_000).default(0),
    // Test only: shifts the clock of the spend windows' calendar periods by this many ms, so a test can
    // call at 23:59:59 in a budget's zone. Leave unset in production.
    VAULTLINE_TEST_CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
    // Reverse proxies in front of Vaultline (addresses or CIDR ranges, comma-separated): only requests from
    // these may say, in X-Forwarded-For/-Host/-Proto, who the client is and which host it asked for.
    VAULTLINE_TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        const bad = value ? invalidProxyEntries(value) : [];
        if (bad.length > 0) ctx.addIssue({ code: "custom", message: `not an IP address or CIDR range: ${bad.join(", ")}` });
      }),
    // Bearer token that /metrics requires; without one, /metrics answers only loopback clients.
    VAULTLINE_METRICS_TOKEN: optional,

    // Client-side field-level encryption: the KMS provider holding the master key.
    CSFLE_KMS_PROVIDER: z.enum(["local", "aws", "azure", "gcp", "kmip"]).default("local"),
    CSFLE_KEY_VAULT_NAMESPACE: z
      .string()
      .regex(/^[^.\s]+\.[^\s]+$/, "must be <database>.<collection>")
      .default("encryption.__keyVault"),
    CSFLE_LOCAL_MASTER_KEY: optional,
    CSFLE_LOCAL_MASTER_KEY_FILE: optional,
    // While rotating one local master key to another: the key being replaced (rewrap-master-key moves
    // every data key off it; remove it afterwards). Needs libmongocrypt 1.9+ (setup installs one).
    CSFLE_LOCAL_PREVIOUS_MASTER_KEY: optional,
    CSFLE_LOCAL_PREVIOUS_MASTER_KEY_FILE: optional,
    CSFLE_AWS_ACCESS_KEY_ID: optional,
    CSFLE_AWS_SECRET_ACCESS_KEY: optional,
    CSFLE_AWS_SESSION_TOKEN: optional,
    CSFLE_AWS_KEY_REGION: optional,
    CSFLE_AWS_KEY_ARN: optional,
    CSFLE_AWS_ENDPOINT: optional,
    CSFLE_AZURE_TENANT_ID: optional,
    CSFLE_AZURE_CLIENT_ID: optional,
    CSFLE_AZURE_CLIENT_SECRET: optional,
    CSFLE_AZURE_KEY_VAULT_ENDPOINT: optional,
    CSFLE_AZURE_KEY_NAME: optional,
    CSFLE_AZURE_KEY_VERSION: optional,
    CSFLE_GCP_EMAIL: optional,
    CSFLE_GCP_PRIVATE_KEY: optional,
    CSFLE_GCP_PROJECT_ID: optional,
    CSFLE_GCP_LOCATION: optional,
    CSFLE_GCP_KEY_RING: optional,
    CSFLE_GCP_KEY_NAME: optional,
    CSFLE_KMIP_ENDPOINT: optional,
    CSFLE_KMIP_KEY_ID: optional,
    CSFLE_KMIP_TLS_CA_FILE: optional,
    CSFLE_KMIP_TLS_CERT_KEY_FILE: optional,
  })
  .transform((e) => ({ ...e, APP_URL: (e.APP_URL ?? e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "") }));

export type TEnv = Readonly<z.infer<typeof ZEnv>>;

/** Parses an environment; throws one error listing every bad or missing variable (never their values). */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration (run \`npm run setup\` for local defaults):\n${lines.join("\n")}`);
  }
  return Object.freeze(result.data);
}

let cached: TEnv | undefined;

export function env(): TEnv {
  if (!cached) {
    // .env.local is written by setup; variables already in the environment win over it.
    loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
    cached = parseEnv(process.env);
  }
  return cached;
}
