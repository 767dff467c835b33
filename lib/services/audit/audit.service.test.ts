// The audit trail against the real database: concurrent writers get one sequence each, pages walk back by
// cursor, and verify-audit's check names entries edited or deleted behind the service's back.
import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { Types } from "mongoose";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";
import { listAuditEntries, recordAudit, verifyAuditTrail } from "@/lib/services/audit/audit.service";
import { entryId } from "@/lib/services/audit/audit-chain";
import { withAuditContext } from "@/lib/services/audit/audit-context";

useTestDatabase();

test("writers at once each get their own number; pages go back by cursor; filters apply", async () => {
  const owner = new Types.ObjectId();
  const actor = { kind: "user" as const, userId: owner.toHexString() };
  await withAuditContext({ via: "token", viaId: "pat_1", source: "203.0.113.1", requestId: "r1" }, () =>
    Promise.all(Array.from({ length: 60 }, (_, i) => recordAudit(owner, { action: i % 3 ? "budget.created" : "credential.created", target: { type: i % 3 ? "budget" : "credential", id: String(i) } }))),
  );
  const all = await listAuditEntries(actor, { first: 100 });
  assert.deepEqual(all.entries.map((e) => e.seq), Array.from({ length: 60 }, (_, i) => 60 - i));
  assert.equal(all.hasNextPage, false);
  assert.deepEqual({ ...all.entries[0]!.actor }, { kind: "token", id: "pat_1" });
  assert.equal(all.entries[0]!.source, "203.0.113.1");
  const first = await listAuditEntries(actor, { first: 5 });
  const second = await listAuditEntries(actor, { first: 5, after: first.endCursor });
  assert.deepEqual([...first.entries, ...second.entries].map((e) => e.seq), [60, 59, 58, 57, 56, 55, 54, 53, 52, 51]);
  const credentials = await listAuditEntries(actor, { first: 100, action: "credential.created" });
  assert.equal(credentials.entries.length, 20);
  const other = await listAuditEntries({ kind: "user", userId: new Types.ObjectId().toHexString() }, {});
  assert.equal(other.entries.length, 0, "another owner sees nothing");
  await assert.rejects(listAuditEntries(actor, { after: "x" }), /cursor is invalid/);
  assert.deepEqual((await verifyAuditTrail()).problems, []);
});

test("verify names an edited entry, a deleted one, a deleted newest one, and a forged one", async () => {
  const owner = new Types.ObjectId();
  for (let i = 0; i < 6; i++) await recordAudit(owner, { action: "budget.updated", target: { type: "budget", id: "b" }, details: { limitCents: i } });
  const db = await rawClient();
  try {
    const entries = db.db().collection<{ _id: string }>("audit_entries");
    const o = owner.toHexString();
    assert.equal((await entries.updateOne({ _id: entryId(o, 2) }, { $set: { "details.limitCents": 999 } })).modifiedCount, 1);
    assert.equal((await entries.deleteOne({ _id: entryId(o, 4) })).deletedCount, 1);
    assert.equal((await entries.deleteOne({ _id: entryId(o, 6) })).deletedCount, 1);
    const problems = (await verifyAuditTrail()).problems.filter((p) => p.ownerId === o);
    assert.deepEqual(problems.map((p) => [p.seq, p.problem]), [[2, "edited"], [4, "deleted"], [6, "deleted"]]);
  } finally {
    await db.close();
  }
});
