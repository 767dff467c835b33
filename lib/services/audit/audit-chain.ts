// The audit trail's chain: each entry's hash is an HMAC-SHA256 over its fields and the previous entry's
// hash, keyed by a key derived from NEXTAUTH_SECRET. Someone who can write the database but does not hold
// the server's secret cannot edit, insert or delete an entry without verify-audit seeing it; someone who
// holds both could rewrite the chain (export it, or keep the heads elsewhere, to guard against that).
import { createHmac, hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

export const GENESIS = "genesis";

export type TChainedFields = {
  ownerId: string;
  seq: number;
  at: Date;
  action: string;
  actor: { kind: string; id: string | null };
  target: { type: string; id: string | null };
  details: unknown;
  source: string | null;
  requestId: string | null;
  prev: string;
};

let key: Buffer | undefined;
function chainKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", env().NEXTAUTH_SECRET, "vaultline", "audit chain v1", 32));
  return key;
}

/** JSON with object keys sorted at every level: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(fields: TChainedFields): string {
  const { ownerId, seq, at, action, actor, target, details, source, requestId, prev } = fields;
  return createHmac("sha256", chainKey())
    .update(canonicalJson({ ownerId, seq, at, action, actor: { kind: actor.kind, id: actor.id ?? null }, target: { type: target.type, id: target.id ?? null }, details: details ?? null, source: source ?? null, requestId: requestId ?? null, prev }))
    .digest("hex");
}

export function entryId(ownerId: string, seq: number): string {
  return `${ownerId}:${String(seq).padStart(12, "0")}`;
}
