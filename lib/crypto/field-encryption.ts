// Client-side field-level encryption: the only module that touches ClientEncryption, data keys and the
// KMS. It exposes four verbs; the ClientEncryption instance never leaves this closure.
//
// One data key per owner (keyAltName "owner:<id>"), so deleting that key shreds every secret of that owner.
// Ciphertexts are BSON Binary subtype 6 and carry their data key's id, which is what lets
// rewrapManyDataKey move to a new master key without touching credential documents.
import { Binary, ClientEncryption, MongoServerError } from "mongodb";
import { env } from "@/lib/env";
import { mongoClient } from "@/lib/db/connection";
import { kmsConfigFromEnv, type TKmsConfig } from "@/lib/crypto/kms-providers";

const ALGORITHM = "AEAD_AES_256_CBC_HMAC_SHA_512-Random" as const;
const ENCRYPTED_SUBTYPE = 6;

type State = { encryption?: Promise<{ ce: ClientEncryption; kms: TKmsConfig }>; knownKeys: Set<string> };
// On globalThis for the same reason as the db connection: one instance per process, not per bundle.
const slot = Symbol.for("vaultline.crypto");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { knownKeys: new Set() });

export function ownerKeyAltName(ownerId: string): string {
  return `owner:${ownerId}`;
}

function encryption() {
  state.encryption ??= (async () => {
    const kms = kmsConfigFromEnv(env());
    const ce = new ClientEncryption(await mongoClient(), {
      keyVaultNamespace: env().CSFLE_KEY_VAULT_NAMESPACE,
      kmsProviders: kms.kmsProviders,
      ...(kms.tlsOptions ? { tlsOptions: kms.tlsOptions } : {}),
    });
    return { ce, kms };
  })().catch((error: unknown) => {
    state.encryption = undefined;
    throw error;
  });
  return state.encryption;
}

/** The key vault needs a unique index on keyAltNames so two racing saves cannot create two owner keys. */
export async function ensureKeyVault(): Promise<void> {
  const [dbName, collName] = splitNamespace(env().CSFLE_KEY_VAULT_NAMESPACE);
  const vault = (await mongoClient()).db(dbName).collection(collName);
  // A plain unique index: FerretDB lacks partialFilterExpression, and every key here has an alt name.
  await vault.createIndex({ keyAltNames: 1 }, { unique: true, name: "keyAltNames_unique" });
}

async function ensureOwnerKey(ownerId: string): Promise<string> {
  const altName = ownerKeyAltName(ownerId);
  if (state.knownKeys.has(altName)) return altName;
  const { ce, kms } = await encryption();
  if (!(await ce.getKeyByAltName(altName))) {
    try {
      await ce.createDataKey(kms.provider, {
        keyAltNames: [altName],
        ...(kms.masterKey ? { masterKey: kms.masterKey } : {}),
      });
    } catch (error) {
      // Another save created it first: the unique index kept one key, which is all we need.
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    }
  }
  state.knownKeys.add(altName);
  return altName;
}

export async function encryptSecret(ownerId: string, value: string): Promise<Binary> {
  const keyAltName = await ensureOwnerKey(ownerId);
  const { ce } = await encryption();
  return ce.encrypt(value, { algorithm: ALGORITHM, keyAltName });
}

export async function decryptSecret(ciphertext: Binary): Promise<string> {
  if (!(ciphertext instanceof Binary) || ciphertext.sub_type !== ENCRYPTED_SUBTYPE) {
    throw new Error("not an encrypted value");
  }
  const { ce } = await encryption();
  const value: unknown = await ce.decrypt(ciphertext);
  if (typeof value !== "string") throw new Error("decrypted value is not a string");
  return value;
}

/**
 * Crypto-shredding: deletes the owner's data key, after which none of their ciphertexts can be decrypted.
 * The ClientEncryption instance caches decrypted data keys (~60 s), so it is dropped as well.
 */
export async function shredOwner(ownerId: string): Promise<boolean> {
  const { ce } = await encryption();
  const key = await ce.getKeyByAltName(ownerKeyAltName(ownerId));
  state.knownKeys.delete(ownerKeyAltName(ownerId));
  state.encryption = undefined;
  if (!key) return false;
  await ce.deleteKey(key._id);
  return true;
}

/**
 * Re-encrypts every data key under the master key of the given KMS configuration (credential documents
 * are untouched). The target provider's credentials must be configured alongside the current one.
 */
export async function rewrapMasterKey(target: Pick<TKmsConfig, "provider" | "masterKey">): Promise<number> {
  const { ce } = await encryption();
  const result = await ce.rewrapManyDataKey(
    {},
    { provider: target.provider, ...(target.masterKey ? { masterKey: target.masterKey } : {}) },
  );
  state.encryption = undefined;
  return result.bulkWriteResult?.modifiedCount ?? 0;
}

export function splitNamespace(namespace: string): [string, string] {
  const dot = namespace.indexOf(".");
  return [namespace.slice(0, dot), namespace.slice(dot + 1)];
}
