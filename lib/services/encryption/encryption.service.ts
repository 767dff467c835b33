// The operator's key commands (npm run admin -- shred-user | rewrap-master-key): the crypto verbs of
// lib/crypto, each recorded in the audit trail (the owner's for a shred; the installation's for a rewrap).
import { rewrapMasterKey, shredOwner } from "@/lib/crypto/field-encryption";
import type { TKmsConfig } from "@/lib/crypto/kms-providers";
import { SYSTEM_OWNER, recordAudit } from "@/lib/services/audit/audit.service";

/** Deletes the owner's data key: every secret of theirs becomes unrecoverable. */
export async function shredOwnerSecrets(ownerId: string): Promise<boolean> {
  const shredded = await shredOwner(ownerId);
  await recordAudit(ownerId, { action: "owner.shredded", target: { type: "user", id: ownerId }, details: { hadDataKey: shredded } });
  return shredded;
}

/** Re-encrypts every data key under `target`'s master key; returns how many were. */
export async function rewrapDataKeys(target: Pick<TKmsConfig, "provider" | "masterKey">): Promise<number> {
  const count = await rewrapMasterKey(target);
  await recordAudit(SYSTEM_OWNER, { action: "master_key.rewrapped", target: { type: "master_key", id: target.provider }, details: { dataKeys: count } });
  return count;
}
