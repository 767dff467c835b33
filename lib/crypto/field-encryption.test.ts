import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Binary, ClientEncryption, type MongoClient } from "mongodb";
import { Types } from "mongoose";
import { env } from "@/lib/env";
import { kmsConfigFromEnv } from "@/lib/crypto/kms-providers";
import { decryptSecret, encryptSecret, ownerKeyAltName, rewrapMasterKey, shredOwner, splitNamespace } from "@/lib/crypto/field-encryption";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

// A ClientEncryption built here, outside lib/crypto: a fresh instance has no cached data keys, so it shows
// what the key vault alone allows.
function outsideEncryption(client: MongoClient, localKey: Buffer): ClientEncryption {
  return new ClientEncryption(client, { keyVaultNamespace: env().CSFLE_KEY_VAULT_NAMESPACE, kmsProviders: { local: { key: localKey } } });
}
const configuredKey = () => (kmsConfigFromEnv(env()).kmsProviders.local as { key: Buffer }).key;

test("a secret becomes Binary subtype 6, a new ciphertext each time, and decrypts back", async () => {
  const owner = new Types.ObjectId().toString();
  const a = await encryptSecret(owner, "sk-canary-roundtrip-0001");
  const b = await encryptSecret(owner, "sk-canary-roundtrip-0001");
  assert.ok(a instanceof Binary);
  assert.equal(a.sub_type, 6);
  assert.notDeepEqual(Buffer.from(a.buffer), Buffer.from(b.buffer), "Random algorithm: same plaintext, new ciphertext");
  assert.ok(!Buffer.from(a.buffer).includes("sk-canary-roundtrip-0001"));
  assert.equal(await decryptSecret(a), "sk-canary-roundtrip-0001");
});

test("one data key per owner, named by keyAltName, created once even under concurrent saves", async () => {
  const owner = new Types.ObjectId().toString();
  await Promise.all(Array.from({ length: 8 }, (_, i) => encryptSecret(owner, `value-${i}`)));
  const client = await rawClient();
  try {
    const [db, coll] = splitNamespace(env().CSFLE_KEY_VAULT_NAMESPACE);
    const keys = await client.db(db).collection(coll).find({ keyAltNames: ownerKeyAltName(owner) }).toArray();
    assert.equal(keys.length, 1);
  } finally {
    await client.close();
  }
});

test("decryption with a different master key fails", async () => {
  const ciphertext = await encryptSecret(new Types.ObjectId().toString(), "sk-canary-wrong-master");
  const client = await rawClient();
  try {
    await assert.rejects(outsideEncryption(client, randomBytes(96)).decrypt(ciphertext), /HMAC validation failure|decrypt/i);
    assert.equal(await outsideEncryption(client, configuredKey()).decrypt(ciphertext), "sk-canary-wrong-master");
  } finally {
    await client.close();
  }
});

test("shredding an owner makes only that owner's secrets undecryptable", async () => {
  const alice = new Types.ObjectId().toString();
  const bob = new Types.ObjectId().toString();
  const aliceSecret = await encryptSecret(alice, "sk-canary-alice-shred");
  const bobSecret = await encryptSecret(bob, "sk-canary-bob-keeps");

  assert.equal(await shredOwner(alice), true);

  const client = await rawClient();
  try {
    const fresh = outsideEncryption(client, configuredKey());
    await assert.rejects(fresh.decrypt(aliceSecret), /not all keys requested were satisfied/);
    assert.equal(await fresh.decrypt(bobSecret), "sk-canary-bob-keeps");
  } finally {
    await client.close();
  }
  await assert.rejects(decryptSecret(aliceSecret));
  assert.equal(await decryptSecret(bobSecret), "sk-canary-bob-keeps");
  // A new secret for the shredded owner gets a new key; the old ciphertext stays dead.
  assert.equal(await decryptSecret(await encryptSecret(alice, "after")), "after");
  await assert.rejects(decryptSecret(aliceSecret));
});

test("rewrapping re-encrypts the data keys without touching ciphertexts", async () => {
  const owner = new Types.ObjectId().toString();
  const ciphertext = await encryptSecret(owner, "sk-canary-rewrap");
  const client = await rawClient();
  try {
    const [db, coll] = splitNamespace(env().CSFLE_KEY_VAULT_NAMESPACE);
    const vault = client.db(db).collection(coll);
    const before = await vault.findOne({ keyAltNames: ownerKeyAltName(owner) });
    assert.ok((await rewrapMasterKey({ provider: "local" })) >= 1);
    const after = await vault.findOne({ keyAltNames: ownerKeyAltName(owner) });
    assert.notDeepEqual(after?.keyMaterial, before?.keyMaterial);
    assert.equal(await outsideEncryption(client, configuredKey()).decrypt(ciphertext), "sk-canary-rewrap");
  } finally {
    await client.close();
  }
});

test("only encrypted values are accepted for decryption", async () => {
  await assert.rejects(decryptSecret(new Binary(Buffer.from("plain"), 0)), /not an encrypted value/);
});
