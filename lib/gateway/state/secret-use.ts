// Secret use for the audit trail: which credential served which budget key and tool, counted. The usage
// recorder hands over each flush's counts (usage-recorder.ts); they add up here in memory and go to the
// audit trail once a minute (and at shutdown) as one entry per credential, key and tool, retried until
// written like usage. A warm call does nothing for it: its count is already in the usage bucket.
import type { Types } from "mongoose";
import { recordAudit } from "@/lib/services/audit/audit.service";
import { writeSurely } from "@/lib/gateway/state/write-retry";

const FLUSH_EVERY_MS = 60_000;

type TUse = { ownerId: Types.ObjectId; credentialId: string; keyId: string; budgetId: string; tool: string; calls: number; from: number; to: number };
type State = { open: Map<string, TUse>; timer?: NodeJS.Timeout };
const slot = Symbol.for("vaultline.secret-use");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { open: new Map() });

export function countSecretUse(use: TUse): void {
  const key = `${use.credentialId} ${use.keyId} ${use.tool}`;
  const open = state.open.get(key);
  if (open) {
    open.calls += use.calls;
    open.from = Math.min(open.from, use.from);
    open.to = Math.max(open.to, use.to);
  } else {
    state.open.set(key, { ...use });
  }
  state.timer ??= setTimeout(() => void flushSecretUse(), FLUSH_EVERY_MS).unref();
}

/** Writes the counts so far (also at shutdown). */
export async function flushSecretUse(): Promise<void> {
  clearTimeout(state.timer);
  state.timer = undefined;
  const batch = [...state.open.values()];
  state.open.clear();
  await Promise.all(
    batch.map((use) =>
      writeSurely("secret use", () =>
        recordAudit(use.ownerId, {
          action: "secret.used",
          at: new Date(use.to),
          actor: { kind: "agent", id: use.keyId },
          target: { type: "credential", id: use.credentialId },
          details: { keyId: use.keyId, budgetId: use.budgetId, tool: use.tool, calls: use.calls, from: new Date(use.from).toISOString(), to: new Date(use.to).toISOString() },
        }),
      ),
    ),
  );
}
