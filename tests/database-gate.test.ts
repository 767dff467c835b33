// The local database's gate (tools/ferretdb-launcher): writes run one at a time, so that FerretDB's
// read-modify-write updates stay exact; reads skip the gate, so that a long scan holds nobody else up.
// Against a launcher of the test's own, with a pool of connections, as the server uses it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { MongoClient, type Db } from "mongodb";
import { LAUNCHER, startOwnDatabase, type TOwnDatabase } from "@/tests/helpers/own-database";

const skip = !fs.existsSync(LAUNCHER) && "needs the local FerretDB launcher (built by setup)";

let db: TOwnDatabase;
let client: MongoClient;
let d: Db;
const SCANNED = 40_000;

before(async () => {
  if (skip) return;
  db = await startOwnDatabase(`vl_gate_${Date.now()}`);
  client = await MongoClient.connect(db.uri, { maxPoolSize: 50 });
  d = client.db();
  const filler = "x".repeat(200);
  for (let i = 0; i < SCANNED; i += 2_000) {
    await d.collection("scanned").insertMany(Array.from({ length: 2_000 }, (_, j) => ({ n: i + j, filler })));
  }
  await d.collection("small").insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: `k${i}` as unknown as never, v: i })));
});

after(async () => {
  if (skip) return;
  await client?.close();
  await db?.remove();
});

/** A query FerretDB cannot push down: it reads the whole collection. */
const longScan = () => d.collection("scanned").countDocuments({ n: { $gte: 0 }, filler: { $ne: "y" } });

test("lookups and writes are answered while a long scan runs", { skip }, async () => {
  let scanDone = false;
  const scan = longScan().then((n) => {
    scanDone = true;
    return n;
  });
  await new Promise((r) => setTimeout(r, 20)); // the scan is at the server
  let lookups = 0;
  let writes = 0;
  while (!scanDone && lookups < 20) {
    assert.equal((await d.collection("small").findOne({ _id: `k${lookups % 20}` as unknown as never }))?.v, lookups % 20);
    await d.collection("small").updateOne({ _id: "k0" as unknown as never }, { $inc: { hits: 1 } });
    lookups++;
    writes++;
  }
  const answeredDuringScan = !scanDone;
  assert.equal(await scan, SCANNED);
  assert.ok(answeredDuringScan, `20 lookups and 20 updates by _id were answered before one scan of ${SCANNED} documents ended`);
  assert.equal((await d.collection("small").findOne({ _id: "k0" as unknown as never }))?.hits, writes);
});

test("concurrent updates stay exact while reads run next to them", { skip }, async () => {
  const counters = d.collection<{ _id: string; n: number }>("counters");
  await counters.insertMany([{ _id: "plain", n: 0 }, { _id: "guarded", n: 0 }]);
  const reads = Array.from({ length: 4 }, () => longScan());
  const plain = Array.from({ length: 50 }, () => counters.updateOne({ _id: "plain" }, { $inc: { n: 1 } }));
  // The budget guard's shape: an increment only while under the limit.
  const guarded = Array.from({ length: 30 }, () => counters.updateOne({ _id: "guarded", n: { $lte: 9 } }, { $inc: { n: 1 } }));
  const peeks = Array.from({ length: 30 }, () => counters.findOne({ _id: "guarded" }));
  const [, , guardedResults, peeked] = await Promise.all([Promise.all(reads), Promise.all(plain), Promise.all(guarded), Promise.all(peeks)]);
  assert.equal((await counters.findOne({ _id: "plain" }))?.n, 50, "50 concurrent $inc: 1 make 50");
  assert.equal((await counters.findOne({ _id: "guarded" }))?.n, 10, "the guard held: never past 10");
  assert.equal(guardedResults.filter((r) => r.modifiedCount === 1).length, 10, "exactly 10 guarded increments applied");
  assert.ok(peeked.every((p) => p && p.n >= 0 && p.n <= 10), "reads saw only committed values");
});
