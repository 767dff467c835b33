// Per-request batching of every relation the schema resolves: the field resolvers of a list ask for what
// they need item by item, and DataLoader turns the asks of one tick into one query (an _id lookup where
// the ids are known, else one query for the owner). Made per request with the caller as actor, so a
// cache never outlives a request or crosses owners; mutations clear it (see schema.ts).
import DataLoader from "dataloader";
import type { Types } from "mongoose";
import type { TActor } from "@/lib/services/actor";
import { NotFoundError } from "@/lib/services/errors";
import { getToolsBySlugs, type TToolRecord } from "@/lib/services/tools/tools.service";
import { getIntegrationsBySlugs, integrationsByIds, type TIntegrationRecord } from "@/lib/services/integrations/integrations.service";
import { getBudgetsByIds, type TBudgetRecord } from "@/lib/services/budgets/budgets.service";
import { getCredentialsByIds, type TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import {
  listBindingsOfBudgets,
  listBindingsOfCredentials,
  type TBindingRecord,
} from "@/lib/services/bindings/bindings.service";
import { listKeysOfBudgets, type TBudgetKeyRecord } from "@/lib/services/budget-keys/budget-keys.service";
import { listWarnings, type TWarningView } from "@/lib/services/warnings/warnings.service";

export type TLoaders = ReturnType<typeof createLoaders>;

export function createLoaders(actor: TActor) {
  const loaders = {
    /** slug → the tool it names for this owner, or null. */
    tool: new DataLoader<string, TToolRecord | null>(async (slugs) => {
      const found = await getToolsBySlugs(actor, slugs);
      return slugs.map((slug) => found.get(slug) ?? null);
    }),
    /** slug → the integration it names for this owner, or null. */
    integration: new DataLoader<string, TIntegrationRecord | null>(async (slugs) => {
      const found = await getIntegrationsBySlugs(actor, slugs);
      return slugs.map((slug) => found.get(slug) ?? null);
    }),
    /** _id → an integration (ids come from the owner's own credentials). */
    integrationById: new DataLoader<string, TIntegrationRecord | null>(async (ids) => {
      const found = await integrationsByIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** id → the owner's budget, or null. */
    budget: new DataLoader<string, TBudgetRecord | null>(async (ids) => pick(ids, await getBudgetsByIds(actor, ids))),
    /** id → the owner's credential, or null. */
    credential: new DataLoader<string, TCredentialRecord | null>(async (ids) => pick(ids, await getCredentialsByIds(actor, ids))),
    /** budget → its bindings (keyed by the budget, whose tools give the bindings' ids). */
    bindingsOfBudget: new DataLoader<TBudgetRecord, TBindingRecord[], string>(
      async (budgets) => group(budgets.map(idOf), await listBindingsOfBudgets(actor, budgets), (b) => b.budgetId),
      { cacheKeyFn: idOf },
    ),
    /** credential id → the bindings that use it. */
    bindingsOfCredential: new DataLoader<Types.ObjectId, TBindingRecord[], string>(
      async (ids) => group(ids.map(String), await listBindingsOfCredentials(actor, ids), (b) => b.credentialId),
      { cacheKeyFn: String },
    ),
    /** budget id → its keys, newest first. */
    keysOfBudget: new DataLoader<Types.ObjectId, TBudgetKeyRecord[], string>(
      async (ids) => group(ids.map(String), await listKeysOfBudgets(actor, ids), (k) => k.budgetId),
      { cacheKeyFn: String },
    ),
    /** budget id → its warnings: computed once for all the owner's budgets when more than one is asked. */
    warningsOfBudget: new DataLoader<Types.ObjectId, TWarningView[], string>(
      async (ids) => group(ids.map(String), await listWarnings(actor, ids.length === 1 ? ids[0] : undefined), (w) => w.budgetId),
      { cacheKeyFn: String },
    ),
  };
  return {
    ...loaders,
    /** Forgets what was loaded: a mutation may have changed it. */
    clearAll(): void {
      for (const loader of Object.values(loaders)) loader.clearAll();
    },
  };
}

/**
 * Single lookups by id answer null for what is missing or another owner's (the two are indistinguishable), so
 * one stale id does not wipe its sibling fields with an error.
 */
export async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** For relations that must exist: a dangling reference is NOT_FOUND, as the single lookups were. */
export function found<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFoundError(what);
  return value;
}

function idOf(record: { _id: Types.ObjectId }): string {
  return record._id.toString();
}

function pick<T extends { _id: Types.ObjectId }>(ids: readonly string[], records: T[]): (T | null)[] {
  const byId = new Map(records.map((r) => [idOf(r), r]));
  return ids.map((id) => byId.get(id) ?? null);
}

function group<T>(keys: readonly string[], records: T[], keyOf: (record: T) => unknown): T[][] {
  const byKey = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const record of records) byKey.get(String(keyOf(record)))?.push(record);
  return keys.map((key) => byKey.get(key)!);
}
