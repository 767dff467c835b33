// The change port holds only if no write can go around it. Three checks, from the narrowest to the widest:
// every way mongoose writes announces a change on every watched model (and counter-only updates do not);
// no source outside tests reaches a watched collection through the driver, which would skip mongoose;
// and every service function that writes announces, with a scenario here for each one, so that a new
// mutation without a scenario fails this file until someone looks at it.
import "@/tests/helpers/test-env";
import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Types } from "mongoose";
import { onChange, WATCHED_MODELS, type TChange, type TWatchedModel } from "@/lib/changes/changes";
import { announceWrites } from "@/lib/changes/announce-writes";
import * as models from "@/models";
import type { TActor } from "@/lib/services/actor";
import * as budgets from "@/lib/services/budgets/budgets.service";
import * as bindings from "@/lib/services/bindings/bindings.service";
import * as budgetKeys from "@/lib/services/budget-keys/budget-keys.service";
import * as credentials from "@/lib/services/credentials/credentials.service";
import * as tools from "@/lib/services/tools/tools.service";
import * as integrations from "@/lib/services/integrations/integrations.service";
import * as oauth from "@/lib/services/oauth/oauth.service";
import { useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

const ROOT = path.resolve(__dirname, "../..");
let heard: TChange[] = [];
let stop: () => void = () => {};
beforeEach(() => {
  heard = [];
  stop = onChange((change) => heard.push(change));
});
afterEach(() => stop());

const watched = WATCHED_MODELS.map((name) => [name, models[name]] as const);

test("every model a call plan is built from carries the plugin", () => {
  for (const [name, model] of watched) {
    assert.ok(model, `models/index.ts exports ${name}`);
    assert.ok(
      // `plugins` is mongoose's record of what was applied; its typings leave it out.
      (model.schema as unknown as { plugins: { fn: unknown }[] }).plugins.some((p) => p.fn === announceWrites),
      `${name}'s schema applies announceWrites`,
    );
  }
  // The plan's own imports: a model it starts reading must be watched too.
  const invoke = fs.readFileSync(path.join(ROOT, "lib/services/invoke/invoke.service.ts"), "utf8");
  const read = [...invoke.matchAll(/import \{ (\w+)[^}]*\} from "@\/models\/[\w-]+"/g)].map((m) => m[1]!);
  assert.ok(read.length >= 4);
  for (const name of read) assert.ok((WATCHED_MODELS as readonly string[]).includes(name), `${name} is read by call plans and must be watched`);
});

test("each way mongoose writes announces, with the budget it names; counter-only updates stay quiet", async () => {
  const { Budget, Binding } = models;
  const ownerId = new Types.ObjectId();
  const id = new Types.ObjectId();
  const expectOne = async (what: string, write: () => Promise<unknown>, model: TWatchedModel, budgetIds: TChange["budgetIds"]) => {
    heard = [];
    await write();
    assert.deepEqual(heard, [{ model, budgetIds }], what);
  };

  await expectOne("create (save)", () => Budget.create({ _id: id, ownerId, name: "b" }), "Budget", [id.toString()]);
  await expectOne("updateOne", () => Budget.updateOne({ _id: id }, { $set: { limitCents: 5 } }), "Budget", [id.toString()]);
  await expectOne("findOneAndUpdate", () => Budget.findOneAndUpdate({ _id: id }, { $set: { name: "c" } }), "Budget", [id.toString()]);
  await expectOne("findByIdAndUpdate", () => Budget.findByIdAndUpdate(id, { $set: { name: "d" } }), "Budget", [id.toString()]);
  await expectOne("updateMany by owner", () => Budget.updateMany({ ownerId }, { $set: { name: "e" } }), "Budget", "all");
  await expectOne("$in of ids", () => Budget.updateMany({ _id: { $in: [id] } }, { $set: { name: "f" } }), "Budget", [id.toString()]);
  await expectOne("replaceOne", () => Budget.replaceOne({ _id: id }, { ownerId, name: "g" }), "Budget", [id.toString()]);
  const doc = (await Budget.findById(id))!;
  doc.name = "h";
  await expectOne("document save", () => doc.save(), "Budget", [id.toString()]);
  await expectOne("insertMany", () => Binding.insertMany([{ _id: "x:y", ownerId, budgetId: id, toolSlug: "y", credentialId: id }]), "Binding", []);
  await expectOne("bulkWrite", () => Binding.bulkWrite([{ deleteOne: { filter: { _id: "x:y" } } }]), "Binding", []);
  await expectOne("document deleteOne", () => doc.deleteOne(), "Budget", [id.toString()]);
  await Budget.create({ _id: id, ownerId, name: "again" });
  await expectOne("findOneAndDelete", () => Budget.findOneAndDelete({ _id: id }), "Budget", [id.toString()]);
  await expectOne("deleteMany", () => Budget.deleteMany({ ownerId }), "Budget", "all");

  // The gateway's own bookkeeping is not a change of anything a plan holds.
  await Budget.create({ _id: id, ownerId, name: "counted" });
  heard = [];
  await Budget.updateOne({ _id: id }, { $inc: { committedCents: 3, spentCents: 3 } }, { timestamps: false });
  await models.Credential.updateOne({ _id: id }, { $set: { lastUsedAt: new Date() } }, { timestamps: false });
  await models.BudgetKey.updateOne({ _id: "k" }, { $set: { lastUsedAt: new Date() } });
  assert.deepEqual(heard, []);
});

test("no source reaches a watched collection through the driver, around mongoose", () => {
  const names = WATCHED_MODELS.join("|");
  const rawModel = new RegExp(`\\b(${names})\\.collection\\b`);
  // A collection fetched by name from the driver: allowed only where no watched collection can be meant.
  const rawDb = /\.collection\(\s*["'`]/;
  const allowed = new Set(["lib/crypto/field-encryption.ts"]); // the key vault
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", ".next", "generated", ".data"].includes(entry.name)) walk(rel);
      } else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !/\.(test|spec)\.ts$/.test(entry.name) && !allowed.has(rel)) {
        fs.readFileSync(path.join(ROOT, rel), "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (rawModel.test(line) || rawDb.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
      }
    }
  };
  for (const dir of ["app", "components", "graphql", "lib", "models", "processes", "scripts"]) walk(dir);
  assert.deepEqual(offenders, [], "write through the model (mongoose), so that the change is announced");
});

// Every exported service function that may write, with a scenario that makes it write once.
const alice: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
type TFixture = { budgetId: string; toolSlug: string; credentialId: string; keyId: string };
const scenarios: Record<string, (f: TFixture) => Promise<unknown>> = {
  "budgets.createBudget": () => budgets.createBudget(alice, { name: "another" }),
  "budgets.updateBudget": (f) => budgets.updateBudget(alice, f.budgetId, { limitCents: 100 }),
  "budgets.addToolToBudget": (f) => budgets.addToolToBudget(alice, f.budgetId, "open-meteo"),
  "budgets.removeToolFromBudget": (f) => budgets.removeToolFromBudget(alice, f.budgetId, "open-meteo"),
  "budgets.deleteBudget": (f) => budgets.deleteBudget(alice, f.budgetId),
  "bindings.bindCredential": (f) => bindings.bindCredential(alice, { budgetId: f.budgetId, toolSlug: f.toolSlug, credentialId: f.credentialId }),
  "bindings.addToolAndBindSoleCredential": async (f) => {
    await bindings.unbindCredential(alice, f.budgetId, f.toolSlug);
    heard = [];
    return bindings.addToolAndBindSoleCredential(alice, f.budgetId, f.toolSlug);
  },
  "bindings.unbindCredential": (f) => bindings.unbindCredential(alice, f.budgetId, f.toolSlug),
  "bindings.unbindIntegration": async (f) => {
    await bindings.bindCredential(alice, { budgetId: f.budgetId, integrationSlug: f.toolSlug, credentialId: f.credentialId });
    heard = [];
    return bindings.unbindIntegration(alice, f.budgetId, f.toolSlug);
  },
  "oauth.configureOAuthClient": async () => {
    await integrations.createIntegration(alice, { slug: "oauth-fixture", name: "O", authKind: "oauth2", oauth: oauthFixture }).catch(() => null);
    heard = [];
    return oauth.configureOAuthClient(alice, { integrationSlug: "oauth-fixture", clientId: "id", clientSecret: "secret" });
  },
  "oauth.importOAuthTokens": async () => {
    await integrations.createIntegration(alice, { slug: "oauth-fixture", name: "O", authKind: "oauth2", oauth: oauthFixture }).catch(() => null);
    heard = [];
    return oauth.importOAuthTokens(alice, { integrationSlug: "oauth-fixture", name: "imported", accessToken: "access" });
  },
  "oauth.storeTokens": async (f) => {
    const credential = await credentials.getCredential(alice, f.credentialId);
    heard = [];
    return oauth.storeTokens(credential, { accessToken: "a", refreshToken: null, expiresAt: null });
  },
  "integrations.seedBuiltinIntegrations": () => integrations.seedBuiltinIntegrations(),
  "integrations.createIntegration": () =>
    integrations.createIntegration(alice, { slug: `int-${new Types.ObjectId().toString().slice(-6)}`, name: "Int", authKind: "none" }),
  "integrations.insertIntegration": () =>
    integrations.insertIntegration(alice, { slug: `ins-${new Types.ObjectId().toString().slice(-6)}`, name: "Ins", description: "", authKind: "none", credentialFields: [], oauth: null, verify: null }),
  "integrations.dropUnusedIntegration": async () => {
    const made = await integrations.createIntegration(alice, { slug: `drop-${new Types.ObjectId().toString().slice(-6)}`, name: "Drop", authKind: "none" });
    heard = [];
    return integrations.dropUnusedIntegration(alice, made._id);
  },
  "bindings.createCredentialForBudget": (f) =>
    bindings.createCredentialForBudget(alice, { toolSlug: f.toolSlug, name: "via link", fields: [{ key: "token", value: "t0ken-value" }] }, f.budgetId),
  "budgetKeys.createBudgetKey": (f) => budgetKeys.createBudgetKey(alice, f.budgetId, "another key"),
  "budgetKeys.revokeBudgetKey": (f) => budgetKeys.revokeBudgetKey(alice, f.keyId),
  "budgetKeys.updateBudgetKey": (f) => budgetKeys.updateBudgetKey(alice, f.keyId, { rateLimitPerMinute: 60 }),
  "credentials.createCredential": (f) => credentials.createCredential(alice, { toolSlug: f.toolSlug, name: "c2", fields: [{ key: "token", value: "t0ken-value" }] }),
  "credentials.updateCredential": (f) => credentials.updateCredential(alice, f.credentialId, { name: "renamed" }),
  "credentials.deleteCredential": (f) => credentials.deleteCredential(alice, f.credentialId),
  "tools.createTool": () => tools.createTool(alice, toolDefinition("another-tool")),
  "tools.seedBuiltinTools": () => tools.seedBuiltinTools(),
  "tools.updateTool": (f) => tools.updateTool(alice, f.toolSlug, { name: "Renamed", endpoint: { method: "POST", url: "https://vendor.example/v2" }, injection: [] }),
  "tools.deleteTool": (f) => tools.deleteTool(alice, f.toolSlug),
};
const services = { budgets, bindings, budgetKeys, credentials, tools, integrations, oauth };
const oauthFixture = { grant: "authorization_code", tokenUrl: "https://idp.example/token", authorizeUrl: "https://idp.example/auth" };
const READS = /^(get|list|find|needs|custom|credentialFieldViews|credentialSchema|bindingsOf|integrationsByIds|integrationOfCredential)/;

function toolDefinition(slug: string) {
  return {
    slug,
    name: "Echo",
    endpoint: { method: "POST", url: "https://vendor.example/echo" },
    credentialFields: [{ key: "token", label: "Token", secret: true, required: true }],
    injection: [{ in: "header", name: "authorization", template: "Bearer {{token}}" }],
  };
}

async function fixture(): Promise<TFixture> {
  await tools.seedBuiltinTools();
  const toolSlug = `echo-${new Types.ObjectId().toString().slice(-6)}`;
  await tools.createTool(alice, toolDefinition(toolSlug));
  const budget = await budgets.createBudget(alice, { name: "fixture" });
  const credential = await credentials.createCredential(alice, { toolSlug, name: "c", fields: [{ key: "token", value: "t0ken-value" }] });
  await bindings.bindCredential(alice, { budgetId: budget._id.toString(), toolSlug, credentialId: credential._id.toString() });
  const { budgetKey } = await budgetKeys.createBudgetKey(alice, budget._id.toString(), "key");
  return { budgetId: budget._id.toString(), toolSlug, credentialId: credential._id.toString(), keyId: budgetKey.keyId };
}

test("every service function that writes announces its change (a new one needs a scenario here)", async () => {
  const writers = Object.entries(services).flatMap(([domain, module]) =>
    Object.entries(module)
      .filter(([name, value]) => typeof value === "function" && !READS.test(name))
      .map(([name]) => `${domain}.${name}`),
  );
  assert.deepEqual(writers.filter((name) => !scenarios[name]), [], "add a scenario for each new write path");

  for (const [name, run] of Object.entries(scenarios)) {
    const f = await fixture();
    heard = [];
    await run(f);
    assert.ok(heard.length > 0, `${name} announced a change`);
  }
});
