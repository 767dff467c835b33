import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { Types } from "mongoose";
import { useTestDatabase } from "@/tests/helpers/database";
import { closeSession, isSessionOpen, openSession } from "@/lib/services/users/dashboard-sessions.service";

useTestDatabase();

test("sessions opened at once are all kept; closing one ends it alone; expired ones are not open", async () => {
  const userId = new Types.ObjectId().toString();
  const ids = await Promise.all(Array.from({ length: 6 }, () => openSession(userId, 60_000)));
  for (const id of ids) assert.ok(await isSessionOpen(userId, id), id);
  await closeSession(userId, ids[0]!);
  assert.equal(await isSessionOpen(userId, ids[0]!), false);
  assert.ok(await isSessionOpen(userId, ids[1]!));
  assert.equal(await isSessionOpen(userId, ids[1]!, new Date(Date.now() + 120_000)), false, "expired");
  assert.equal(await isSessionOpen(new Types.ObjectId().toString(), ids[1]!), false, "another person's id");
});
