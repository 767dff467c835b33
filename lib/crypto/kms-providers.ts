// Which KMS holds the master key, from configuration only. `local` is for development and tests (a
// 96-byte key in a git-ignored file or in the environment); aws, azure, gcp and kmip are for production.
import { readFileSync } from "node:fs";
import type { ClientEncryptionOptions } from "mongodb";
import type { TEnv } from "@/lib/env";

export const LOCAL_MASTER_KEY_BYTES = 96;

export type TKmsConfig = {
  provider: "local" | "aws" | "azure" | "gcp" | "kmip";
  kmsProviders: NonNullable<ClientEncryptionOptions["kmsProviders"]>;
  /** The master key descriptor passed to createDataKey and rewrapManyDataKey (none for local). */
  masterKey?: Record<string, string>;
  tlsOptions?: ClientEncryptionOptions["tlsOptions"];
};

type TRequired = (name: keyof TEnv) => string;

export function kmsConfigFromEnv(e: TEnv, readFile: (path: string) => Buffer = readFileSync): TKmsConfig {
  const missing: string[] = [];
  const need: TRequired = (name) => {
    const value = e[name];
    if (typeof value !== "string" || value === "") missing.push(name);
    return typeof value === "string" ? value : "";
  };
  const config = build(e, need, readFile);
  if (missing.length) {
    throw new Error(`CSFLE_KMS_PROVIDER=${e.CSFLE_KMS_PROVIDER} needs: ${missing.join(", ")}`);
  }
  return config;
}

function build(e: TEnv, need: TRequired, readFile: (path: string) => Buffer): TKmsConfig {
  switch (e.CSFLE_KMS_PROVIDER) {
    case "local":
      return { provider: "local", kmsProviders: { local: { key: localMasterKey(e, readFile) } } };
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
