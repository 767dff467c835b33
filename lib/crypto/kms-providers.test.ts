import { test } from "node:test";
import assert from "node:assert/strict";
import { parseEnv } from "@/lib/env";
import { kmsConfigFromEnv, LOCAL_MASTER_KEY_BYTES } from "@/lib/crypto/kms-providers";

const base = { NEXTAUTH_SECRET: "x".repeat(32), MONGODB_URI: "mongodb://127.0.0.1:1/db" };
const noFile = (): Buffer => {
  throw new Error("no file expected");
};

test("local: a base64 key of 96 bytes from the environment", () => {
  const key = Buffer.alloc(LOCAL_MASTER_KEY_BYTES, 7);
  const config = kmsConfigFromEnv(parseEnv({ ...base, CSFLE_LOCAL_MASTER_KEY: key.toString("base64") }), noFile);
  assert.equal(config.provider, "local");
  assert.deepEqual((config.kmsProviders.local as { key: Buffer }).key, key);
  assert.equal(config.masterKey, undefined);
});

test("local: a key file, which must hold exactly 96 bytes", () => {
  const e = parseEnv({ ...base, CSFLE_LOCAL_MASTER_KEY_FILE: "/keys/master" });
  const config = kmsConfigFromEnv(e, (path) => (assert.equal(path, "/keys/master"), Buffer.alloc(96, 1)));
  assert.equal((config.kmsProviders.local as { key: Buffer }).key.length, 96);
  assert.throws(() => kmsConfigFromEnv(e, () => Buffer.alloc(32)), /must be 96 bytes, got 32/);
});

test("local: no key configured is a clear error", () => {
  assert.throws(() => kmsConfigFromEnv(parseEnv(base), noFile), /CSFLE_LOCAL_MASTER_KEY/);
});

test("aws: credentials and the master key descriptor", () => {
  const config = kmsConfigFromEnv(
    parseEnv({
      ...base,
      CSFLE_KMS_PROVIDER: "aws",
      CSFLE_AWS_ACCESS_KEY_ID: "AKIA1",
      CSFLE_AWS_SECRET_ACCESS_KEY: "s3cr3t",
      CSFLE_AWS_KEY_REGION: "eu-west-1",
      CSFLE_AWS_KEY_ARN: "arn:aws:kms:eu-west-1:1:key/abc",
    }),
    noFile,
  );
  assert.deepEqual(config.kmsProviders, { aws: { accessKeyId: "AKIA1", secretAccessKey: "s3cr3t" } });
  assert.deepEqual(config.masterKey, { region: "eu-west-1", key: "arn:aws:kms:eu-west-1:1:key/abc" });
});

test("azure, gcp and kmip: parsed from their variables", () => {
  const azure = kmsConfigFromEnv(
    parseEnv({
      ...base,
      CSFLE_KMS_PROVIDER: "azure",
      CSFLE_AZURE_TENANT_ID: "t",
      CSFLE_AZURE_CLIENT_ID: "c",
      CSFLE_AZURE_CLIENT_SECRET: "s",
      CSFLE_AZURE_KEY_VAULT_ENDPOINT: "v.vault.azure.net",
      CSFLE_AZURE_KEY_NAME: "k",
    }),
    noFile,
  );
  assert.deepEqual(azure.kmsProviders, { azure: { tenantId: "t", clientId: "c", clientSecret: "s" } });
  assert.deepEqual(azure.masterKey, { keyVaultEndpoint: "v.vault.azure.net", keyName: "k" });

  const gcp = kmsConfigFromEnv(
    parseEnv({
      ...base,
      CSFLE_KMS_PROVIDER: "gcp",
      CSFLE_GCP_EMAIL: "sa@p.iam.gserviceaccount.com",
      CSFLE_GCP_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----",
      CSFLE_GCP_PROJECT_ID: "p",
      CSFLE_GCP_LOCATION: "global",
      CSFLE_GCP_KEY_RING: "r",
      CSFLE_GCP_KEY_NAME: "k",
    }),
    noFile,
  );
  assert.equal((gcp.kmsProviders.gcp as { privateKey: string }).privateKey, "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----");
  assert.deepEqual(gcp.masterKey, { projectId: "p", location: "global", keyRing: "r", keyName: "k" });

  const kmip = kmsConfigFromEnv(
    parseEnv({ ...base, CSFLE_KMS_PROVIDER: "kmip", CSFLE_KMIP_ENDPOINT: "kmip.example:5696", CSFLE_KMIP_TLS_CA_FILE: "/ca.pem" }),
    noFile,
  );
  assert.deepEqual(kmip.kmsProviders, { kmip: { endpoint: "kmip.example:5696" } });
  assert.deepEqual(kmip.tlsOptions, { kmip: { tlsCAFile: "/ca.pem" } });
});

test("a provider with missing settings names every missing variable, and no value", () => {
  assert.throws(
    () => kmsConfigFromEnv(parseEnv({ ...base, CSFLE_KMS_PROVIDER: "aws", CSFLE_AWS_SECRET_ACCESS_KEY: "hush-hush" }), noFile),
    (error: Error) =>
      /CSFLE_AWS_ACCESS_KEY_ID, CSFLE_AWS_KEY_REGION, CSFLE_AWS_KEY_ARN/.test(error.message) && !error.message.includes("hush-hush"),
  );
});

test("an invalid configuration lists every problem at once", () => {
  assert.throws(
    () => parseEnv({ MONGODB_URI: "http://nope", CSFLE_KMS_PROVIDER: "vault" }),
    (error: Error) => ["MONGODB_URI", "NEXTAUTH_SECRET", "CSFLE_KMS_PROVIDER"].every((name) => error.message.includes(name)),
  );
});
