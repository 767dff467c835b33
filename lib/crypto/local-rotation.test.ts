// Rotating one local master key to another, against the real database and the libmongocrypt setup
// installs (.data/lib, 1.21): data made under the old key stays readable while the new one is configured
// beside it, `npm run admin -- rewrap-master-key` moves every data key to the new key, and from then on the
// new key alone opens them and the old key alone opens nothing.
import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ClientEncryption, MongoClient } from "mongodb";
import { env, parseEnv } from "@/lib/env";
import { kmsConfigFromEnv, localKeyName, namedProvidersSupported } from "@/lib/crypto/kms-providers";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";

const LIB_DIR = path.resolve(__dirname, "../../.data/lib");
const newerLibrary = fs.existsSync(path.join(LIB_DIR, "libmongocrypt.so.0"));

if (!namedProvidersSupported() && newerLibrary) {
  // This process started without the newer library on LD_LIBRARY_PATH (the loader reads it at start):
  // the same file runs again in a child that has it.
  test("local-to-local rotation (in a process that loads .data/lib)", () => {
    // Not as a subtest of this runner (NODE_TEST_CONTEXT would make it report in the runner's own protocol).
    const { NODE_TEST_CONTEXT: _, ...parentEnv } = process.env;
    const child = spawnSync(process.execPath, [...process.execArgv, "--test", "--test-reporter=tap", __filename], {
      env: { ...parentEnv, LD_LIBRARY_PATH: [LIB_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter) },
      encoding: "utf8",
    });
    assert.equal(child.status, 0, `${child.stdout}\n${child.stderr}`);
    assert.match(child.stdout, /# pass [1-9]/);
  });
} else if (!namedProvidersSupported()) {
  test("local-to-local rotation", (t) => t.skip("libmongocrypt 1.9+ is not installed (npm run setup fetches it from PyPI)"));
} else {
  useTestDatabase();

  test("the old key works until the rewrap, the new one alone after it; the old one alone is refused", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vl-rotation-"));
    const oldFile = path.join(dir, "old-key");
    const newFile = path.join(dir, "new-key");
    fs.writeFileSync(oldFile, randomBytes(96), { mode: 0o600 });
    fs.writeFileSync(newFile, randomBytes(96), { mode: 0o600 });
    const base = { ...process.env, CSFLE_KMS_PROVIDER: "local", CSFLE_LOCAL_MASTER_KEY: "" };
    const before = { ...base, CSFLE_LOCAL_MASTER_KEY_FILE: oldFile };
    const rotating = { ...base, CSFLE_LOCAL_MASTER_KEY_FILE: newFile, CSFLE_LOCAL_PREVIOUS_MASTER_KEY_FILE: oldFile };
    const after = { ...base, CSFLE_LOCAL_MASTER_KEY_FILE: newFile };
    const client = await MongoClient.connect(env().MONGODB_URI);
    const encryption = (source: Record<string, string | undefined>) =>
      new ClientEncryption(client, { keyVaultNamespace: env().CSFLE_KEY_VAULT_NAMESPACE, kmsProviders: kmsConfigFromEnv(parseEnv(source)).kmsProviders });
    try {
      // Before: a data key under the old key, as every install made them ("local").
      const old = encryption(before);
      const keyId = await old.createDataKey(kmsConfigFromEnv(parseEnv(before)).provider, { keyAltNames: ["owner:rotation"] });
      const ciphertext = await old.encrypt("canary-rotation-secret", { algorithm: "AEAD_AES_256_CBC_HMAC_SHA_512-Random", keyId });

      // Rotating: both keys configured; the old key's data is still readable, and new data keys go to the new key.
      assert.equal(await encryption(rotating).decrypt(ciphertext), "canary-rotation-secret");
      const config = kmsConfigFromEnv(parseEnv(rotating));
      assert.equal(config.provider, localKeyName(fs.readFileSync(newFile)));

      const { stdout } = await promisify(execFile)("node_modules/.bin/tsx", ["scripts/admin.ts", "rewrap-master-key"], { env: rotating });
      assert.match(stdout, /re-encrypted 1 data key/);
      const db = await rawClient();
      try {
        const [vaultDb, vaultColl] = env().CSFLE_KEY_VAULT_NAMESPACE.split(".") as [string, string];
        const stored = await db.db(vaultDb).collection(vaultColl).findOne({ keyAltNames: "owner:rotation" });
        assert.equal(stored?.masterKey?.provider, config.provider, "the data key now names the new key");
      } finally {
        await db.close();
      }

      // After: the new key alone opens it; the old key alone (a fresh instance: no cached data key) does not.
      assert.equal(await encryption(after).decrypt(ciphertext), "canary-rotation-secret");
      await assert.rejects(encryption(before).decrypt(ciphertext));
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("rotation without a library that knows named providers is a clear error", () => {
    assert.throws(
      () => kmsConfigFromEnv(parseEnv({ ...process.env, CSFLE_LOCAL_MASTER_KEY: randomBytes(96).toString("base64"), CSFLE_LOCAL_PREVIOUS_MASTER_KEY: randomBytes(96).toString("base64") }), undefined, () => false),
      /needs libmongocrypt 1\.9 or newer/,
    );
  });
}
