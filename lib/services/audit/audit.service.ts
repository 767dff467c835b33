// The audit trail: every change a person or integrator makes, and counted secret use, per owner,
// append-only and hash-chained (audit-chain.ts). The one writer is recordAudit, called by the service
// functions that make the changes (never by transports); who, from where and in which request come from
// the transport's audit context (audit-context.ts). Entries hold ids, field names and counts, never a value.
import { AuditEntry, type TAuditEntry } from "@/models/audit-entry";
import { AuditHead } from "@/models/audit-head";
import { requireUser, type TActor, type TOwnerId } from "@/lib/services/actor";
import { ValidationError } from "@/lib/services/errors";
import { GENESIS, entryHash, entryId, type TChainedFields } from "@/lib/services/audit/audit-chain";
import { currentAuditContext, type TAuditVia } from "@/lib/services/audit/audit-context";

export const AUDIT_ACTIONS = [
  "user.created",
  "user.signed_in",
  "user.sign_in_failed",
  "user.signed_out",
  "user.updated",
  "user.password_changed",
  "user.sessions_ended",
  "credential.created",
  "credential.updated",
  "credential.deleted",
  "budget.created",
  "budget.updated",
  "budget.deleted",
  "budget.tool_added",
  "budget.tool_removed",
  "binding.created",
  "binding.deleted",
  "budget_key.created",
  "budget_key.revoked",
  "budget_key.updated",
  "access_token.created",
  "access_token.revoked",
  "tool.created",
  "tool.updated",
  "tool.deleted",
  "integration.created",
  "oauth_client.configured",
  "oauth_tokens.imported",
  "owner.shredded",
  "master_key.rewrapped",
  "secret.used",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

/** The owner of entries that concern the whole installation (a master key rewrap). */
export const SYSTEM_OWNER = "system";

export type TAuditEvent = {
  action: TAuditAction;
  target: { type: string; id: string | null };
  /** Ids, names and counts only: never a secret, a password or a field's value. */
  details?: Record<string, unknown>;
  at?: Date;
  /** Defaults to the current audit context's. */
  actor?: { kind: TAuditVia; id: string | null };
  source?: string | null;
  requestId?: string | null;
};

export type TAuditRecord = Omit<TAuditEntry, "actor" | "target"> & {
  _id: string;
  actor: { kind: string; id: string | null };
  target: { type: string; id: string | null };
};

const ATTEMPTS = 200;

// Within a process, one owner's appends run one after another (no race to lose), starting from where this
// process last wrote; other processes' appends are found by walking on (the `_id` of the next number).
type TTail = { seq: number; hash: string };
type TAppendState = { queues: Map<string, Promise<unknown>>; tails: Map<string, TTail> };
const slot = Symbol.for("vaultline.audit-append");
const appendState: TAppendState = ((globalThis as Record<symbol, TAppendState>)[slot] ??= { queues: new Map(), tails: new Map() });
const MAX_TAILS = 10_000;

/**
 * Appends one entry to `ownerId`'s trail. Concurrent writers each take the next sequence number with an
 * insert (its `_id` is unique), walking past entries others wrote; the head moves forward afterwards.
 */
export function recordAudit(ownerId: TOwnerId | string, event: TAuditEvent): Promise<void> {
  const owner = String(ownerId);
  const context = currentAuditContext();
  const previous = appendState.queues.get(owner) ?? Promise.resolve();
  const done = previous.catch(() => undefined).then(() => append(owner, event, context));
  appendState.queues.set(owner, done);
  void done.finally(() => {
    if (appendState.queues.get(owner) === done) appendState.queues.delete(owner);
  }).catch(() => undefined);
  return done;
}

async function append(owner: string, event: TAuditEvent, context: ReturnType<typeof currentAuditContext>): Promise<void> {
  const tail = appendState.tails.get(owner) ?? (await AuditHead.findById(owner).lean()) ?? { seq: 0, hash: GENESIS };
  let seq = tail.seq;
  let prev = tail.hash;
  // Walking past entries others wrote is progress; only lost inserts count against the bound.
  for (let lost = 0; lost < ATTEMPTS; ) {
    const next = await AuditEntry.findById(entryId(owner, seq + 1)).lean();
    if (next) {
      seq = next.seq;
      prev = next.hash;
      continue;
    }
    const fields: TChainedFields = {
      ownerId: owner,
      seq: seq + 1,
      at: event.at ?? new Date(),
      action: event.action,
      actor: event.actor ?? { kind: context?.via ?? "anonymous", id: context?.viaId ?? null },
      target: event.target,
      details: event.details ?? null,
      source: event.source ?? context?.source ?? null,
      requestId: event.requestId ?? context?.requestId ?? null,
      prev,
    };
    const hash = entryHash(fields);
    try {
      await AuditEntry.create({ _id: entryId(owner, fields.seq), ...fields, hash });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        lost += 1; // another process took this number: read it, and go on past it
        continue;
      }
      throw error;
    }
    if (appendState.tails.size >= MAX_TAILS) appendState.tails.delete(appendState.tails.keys().next().value!);
    appendState.tails.set(owner, { seq: fields.seq, hash });
    await moveHead(owner, fields.seq, hash);
    return;
  }
  throw new Error("the audit trail kept moving under this write");
}

async function moveHead(owner: string, seq: number, hash: string): Promise<void> {
  const { matchedCount } = await AuditHead.updateOne({ _id: owner, seq: { $lt: seq } }, { $set: { seq, hash } });
  if (matchedCount === 1) return;
  try {
    await AuditHead.create({ _id: owner, seq, hash });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error; // exists and is further on already
  }
}

const MAX_PAGE = 100;
const MAX_SCANNED = 1_000;

export type TAuditFilter = { action?: string | null; targetType?: string | null; targetId?: string | null };
export type TAuditPage = { entries: TAuditRecord[]; endCursor: string | null; hasNextPage: boolean };

/**
 * The owner's entries, newest first, `first` at a time after the cursor (a sequence number), those
 * matching the filter. A page reads entries by `_id`, at most MAX_SCANNED of them, so a filter that
 * matches little returns a short page with a cursor to go on from.
 */
export async function listAuditEntries(actor: TActor, options: { first?: number | null; after?: string | null } & TAuditFilter = {}): Promise<TAuditPage> {
  const { ownerId } = requireUser(actor);
  const owner = ownerId.toHexString();
  const first = options.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new ValidationError("The page size is invalid.", { first: [`must be between 1 and ${MAX_PAGE}`] });
  let from: number;
  if (options.after) {
    if (!/^\d{1,12}$/.test(options.after)) throw new ValidationError("The cursor is invalid.", { after: ["is not a cursor of this list"] });
    from = Number(options.after) - 1;
  } else {
    from = (await AuditHead.findById(owner).lean())?.seq ?? 0;
  }
  const entries: TAuditRecord[] = [];
  let seq = from;
  const stop = Math.max(0, from - MAX_SCANNED);
  while (seq > stop && entries.length < first) {
    const ids: string[] = [];
    for (let s = seq; s > Math.max(stop, seq - first); s--) ids.push(entryId(owner, s));
    const found = await Promise.all(ids.map((id) => AuditEntry.findById(id).lean<TAuditRecord>()));
    for (const entry of found) {
      seq -= 1;
      if (entry && matches(entry, options)) entries.push(entry);
      if (entries.length === first) break;
    }
  }
  return { entries, endCursor: seq < from ? String(seq + 1) : options.after ?? null, hasNextPage: seq > 0 };
}

function matches(entry: TAuditRecord, filter: TAuditFilter): boolean {
  if (filter.action && entry.action !== filter.action) return false;
  if (filter.targetType && entry.target.type !== filter.targetType) return false;
  if (filter.targetId && entry.target.id !== filter.targetId) return false;
  return true;
}

/** The owner's whole trail, oldest first, one JSON object a line (the export). */
export async function* auditJsonLines(actor: TActor): AsyncGenerator<string> {
  const { ownerId } = requireUser(actor);
  const owner = ownerId.toHexString();
  const last = (await AuditHead.findById(owner).lean())?.seq ?? 0;
  for (let seq = 1; seq <= last; seq++) {
    const entry = await AuditEntry.findById(entryId(owner, seq)).lean<TAuditRecord>();
    if (entry) yield `${JSON.stringify(publicEntry(entry))}\n`;
  }
}

/** An entry as it leaves (GraphQL, export): its fields, by name. */
export function publicEntry(entry: TAuditRecord) {
  return {
    seq: entry.seq,
    at: entry.at.toISOString(),
    action: entry.action,
    actor: { kind: entry.actor.kind, id: entry.actor.id ?? null },
    target: { type: entry.target.type, id: entry.target.id ?? null },
    details: entry.details ?? null,
    source: entry.source ?? null,
    requestId: entry.requestId ?? null,
    hash: entry.hash,
    prev: entry.prev,
  };
}

export type TAuditProblem = { ownerId: string; seq: number; problem: "edited" | "deleted" | "chain broken" | "head mismatch" };

/**
 * Checks every owner's trail (the admin's verify-audit): each entry's hash against its fields, each link to
 * the entry before, and the numbering from 1 to the head, naming every entry that was edited or deleted.
 * Reads the whole collection: an offline check, not a request path.
 */
export async function verifyAuditTrail(): Promise<{ owners: number; entries: number; problems: TAuditProblem[] }> {
  const problems: TAuditProblem[] = [];
  const heads = new Map((await AuditHead.find().lean()).map((h) => [h._id, h]));
  const byOwner = new Map<string, TAuditRecord[]>();
  let count = 0;
  for await (const entry of AuditEntry.find().lean<TAuditRecord[]>().cursor() as AsyncIterable<TAuditRecord>) {
    count += 1;
    const owner = entry._id.slice(0, entry._id.lastIndexOf(":"));
    (byOwner.get(owner) ?? byOwner.set(owner, []).get(owner)!).push(entry);
  }
  for (const owner of new Set([...heads.keys(), ...byOwner.keys()])) {
    const entries = (byOwner.get(owner) ?? []).sort((a, b) => a._id.localeCompare(b._id));
    const head = heads.get(owner);
    let expected = 1;
    let prevHash: string | null = GENESIS;
    for (const entry of entries) {
      const seq = Number(entry._id.slice(entry._id.lastIndexOf(":") + 1));
      // A gap: those entries were deleted, and the link across it cannot be checked.
      if (expected < seq) prevHash = null;
      for (; expected < seq; expected++) problems.push({ ownerId: owner, seq: expected, problem: "deleted" });
      const recomputed = entryHash(entry as TChainedFields);
      if (entry.seq !== seq || entry.ownerId !== owner || recomputed !== entry.hash) problems.push({ ownerId: owner, seq, problem: "edited" });
      else if (prevHash !== null && entry.prev !== prevHash) problems.push({ ownerId: owner, seq, problem: "chain broken" });
      prevHash = entry.hash;
      expected = seq + 1;
    }
    const last = expected - 1;
    for (let seq = last + 1; head && seq <= head.seq; seq++) problems.push({ ownerId: owner, seq, problem: "deleted" });
    if (head && head.seq === last && last > 0 && head.hash !== prevHash) problems.push({ ownerId: owner, seq: last, problem: "head mismatch" });
  }
  return { owners: new Set([...heads.keys(), ...byOwner.keys()]).size, entries: count, problems };
}
