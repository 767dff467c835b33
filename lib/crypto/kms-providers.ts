// Which KMS holds the master key, from configuration only. `local` is for development and tests (a
// 96-byte key in a git-ignored file or in the environment); aws, azure, gcp and kmip are for production.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ClientEncryption, type ClientEncryptionOptions } from "mongodb";
import type { TEnv } from "@/lib/env";

export const LOCAL_MASTER_KEY_BYTES = 96;

export type TKmsConfig = {
  /** Where new data keys go and what rewrap-master-key moves every data key to: a KMS, or a named local key. */
  provider: "local" | `local:${string}` | "aws" | "azure" | "gcp" | "kmip";
  kmsProviders: NonNullable<ClientEncryptionOptions["kmsProviders"]>;
  /** The master key descriptor passed to createDataKey and rewrapManyDataKey (none for local). */
  masterKey?: Record<string, string>;
  tlsOptions?: ClientEncryptionOptions["tlsOptions"];
};

type TRequired = (name: keyof TEnv) => string;

/**
 * Whether the loaded libmongocrypt knows named KMS providers ("local:<name>", libmongocrypt 1.9): Debian's
 * 1.7.2 does not; the one setup installs in .data/lib (1.21) does.
 */
export function namedProvidersSupported(): boolean {
  const [major = 0, minor = 0] = ClientEncryption.libmongocryptVersion.split(".").map(Number);
  return major > 1 || (major === 1 && minor >= 9);
}

/** A local master key's provider name: named after the key's fingerprint, so it never changes meaning. */
export function localKeyName(key: Buffer): `local:${string}` {
  return `local:${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}

export function kmsConfigFromEnv(e: TEnv, readFile: (path: string) => Buffer = readFileSync, named: () => boolean = namedProvidersSupported): TKmsConfig {
  const missing: string[] = [];
  const need: TRequired = (name) => {
    const value = e[name];
    if (typeof value !== "string" || value === "") missing.push(name);
    return typeof value === "string" ? value : "";
  };
  const config = build(e, need, readFile, named);
  if (missing.length) {
    throw new Error(`CSFLE_KMS_PROVIDER=${e.CSFLE_KMS_PROVIDER} needs: ${missing.join(", ")}`);
  }
  return config;
}

function build(e: TEnv, need: TRequired, readFile: (path: string) => Buffer, named: () => boolean): TKmsConfig {
  switch (e.CSFLE_KMS_PROVIDER) {
    case "local":
      return localConfig(localMasterKey(e, readFile), previousLocalMasterKey(e, readFile), named);
    case "aws":
      return {
        provider: "aws",
        kmsProviders: {
          aws: {
            accessKeyId: need("CSFLE_AWS_ACCESS_KEY_ID"),
            secretAccessKey: need("CSFLE_AWS_SECRET_ACCESS_KEY"),
            ...(e.CSFLE_AWS_SESSION_TOKEN ? { sessionToken: e.CSFLE_AWS_SESSION_TOKEN } : {}),
          },
        },
        masterKey: {
          region: need("CSFLE_AWS_KEY_REGION"),
          key: need("CSFLE_AWS_KEY_ARN"),
          ...(e.CSFLE_AWS_ENDPOINT ? { endpoint: e.CSFLE_AWS_ENDPOINT } : {}),
        },
      };
    case "azure":
      return {
        provider: "azure",
        kmsProviders: {
          azure: {
            tenantId: need("CSFLE_AZURE_TENANT_ID"),
            clientId: need("CSFLE_AZURE_CLIENT_ID"),
            clientSecret: need("CSFLE_AZURE_CLIENT_SECRET"),
          },
        },
        masterKey: {
          keyVaultEndpoint: need("CSFLE_AZURE_KEY_VAULT_ENDPOINT"),
          keyName: need("CSFLE_AZURE_KEY_NAME"),
          ...(e.CSFLE_AZURE_KEY_VERSION ? { keyVersion: e.CSFLE_AZURE_KEY_VERSION } : {}),
        },
      };
    case "gcp":
      return {
        provider: "gcp",
        kmsProviders: {
          // A PEM from the environment usually arrives with literal "\n" sequences.
          gcp: { email: need("CSFLE_GCP_EMAIL"), privateKey: need("CSFLE_GCP_PRIVATE_KEY").replace(/\\n/g, "\n") },
        },
        masterKey: {
          projectId: need("CSFLE_GCP_PROJECT_ID"),
          location: need("CSFLE_GCP_LOCATION"),
          keyRing: need("CSFLE_GCP_KEY_RING"),
          keyName: need("CSFLE_GCP_KEY_NAME"),
        },
      };
    case "kmip":
      return {
        provider: "kmip",
        kmsProviders: { kmip: { endpoint: need("CSFLE_KMIP_ENDPOINT") } },
        masterKey: e.CSFLE_KMIP_KEY_ID ? { keyId: e.CSFLE_KMIP_KEY_ID } : {},
        tlsOptions: {
          kmip: {
            ...(e.CSFLE_KMIP_TLS_CA_FILE ? { tlsCAFile: e.CSFLE_KMIP_TLS_CA_FILE } : {}),
            ...(e.CSFLE_KMIP_TLS_CERT_KEY_FILE ? { tlsCertificateKeyFile: e.CSFLE_KMIP_TLS_CERT_KEY_FILE } : {}),
          },
        },
      };
  }
}

/**
 * Local master keys. Data keys made before any rotation name the provider "local"; a rotation moves them
 * to the new key's own name (`localKeyName`), which only libmongocrypt 1.9+ understands:
 * - no previous key: "local" is the key, and so is its own name where the library has names (data keys
 *   moved to it by an earlier rotation); new data keys go under "local".
 * - a previous key (rotating): "local" and the previous key's name are the previous key (so every data key
 *   made before is readable until the rewrap has moved it), the new key's name is the new key, and new
 *   data keys and the rewrap go to that name. Once the rewrap has run, the previous key opens nothing.
 */
function localConfig(current: Buffer, previous: Buffer | null, named: () => boolean): TKmsConfig {
  if (!previous) {
    const kmsProviders: TKmsConfig["kmsProviders"] = { local: { key: current } };
    if (named()) kmsProviders[localKeyName(current)] = { key: current };
    return { provider: "local", kmsProviders };
  }
  if (!named()) {
    throw new Error(
      `rotating local master keys (CSFLE_LOCAL_PREVIOUS_MASTER_KEY*) needs libmongocrypt 1.9 or newer; this process loaded ${ClientEncryption.libmongocryptVersion}. Run \`npm run setup\` (it installs one in .data/lib) and start through npm scripts, which put it on LD_LIBRARY_PATH.`,
    );
  }
  const name = localKeyName(current);
  const kmsProviders: TKmsConfig["kmsProviders"] = { local: { key: previous } };
  kmsProviders[localKeyName(previous)] = { key: previous };
  kmsProviders[name] = { key: current };
  return { provider: name, kmsProviders };
}

function previousLocalMasterKey(e: TEnv, readFile: (path: string) => Buffer): Buffer | null {
  if (!e.CSFLE_LOCAL_PREVIOUS_MASTER_KEY && !e.CSFLE_LOCAL_PREVIOUS_MASTER_KEY_FILE) return null;
  const key = e.CSFLE_LOCAL_PREVIOUS_MASTER_KEY ? Buffer.from(e.CSFLE_LOCAL_PREVIOUS_MASTER_KEY, "base64") : readFile(e.CSFLE_LOCAL_PREVIOUS_MASTER_KEY_FILE!);
  if (key.length !== LOCAL_MASTER_KEY_BYTES) throw new Error(`the previous local master key must be ${LOCAL_MASTER_KEY_BYTES} bytes, got ${key.length}`);
  return key;
}

function localMasterKey(e: TEnv, readFile: (path: string) => Buffer): Buffer {
  let key: Buffer;
  if (e.CSFLE_LOCAL_MASTER_KEY) {
    key = Buffer.from(e.CSFLE_LOCAL_MASTER_KEY, "base64");
  } else if (e.CSFLE_LOCAL_MASTER_KEY_FILE) {
    key = readFile(e.CSFLE_LOCAL_MASTER_KEY_FILE);
  } else {
    throw new Error("CSFLE_KMS_PROVIDER=local needs CSFLE_LOCAL_MASTER_KEY (base64) or CSFLE_LOCAL_MASTER_KEY_FILE");
  }
  if (key.length !== LOCAL_MASTER_KEY_BYTES) {
    throw new Error(`the local master key must be ${LOCAL_MASTER_KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}
