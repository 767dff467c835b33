// The credential form's entries, as a browser sends them, reach the service and come back with errors
// under the same names as the form's inputs: what lets the form show each error next to its field.
import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { Types } from "mongoose";
import type { TActor } from "@/lib/services/actor";
import { ValidationError } from "@/lib/services/errors";
import { createCredential, updateCredential } from "@/lib/services/credentials/credentials.service";
import { seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { ZCredentialFormEntries, credentialFieldName } from "@/lib/actions/credentials/credential-form";
import { useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

const alice: TActor = { kind: "user", userId: new Types.ObjectId().toString() };

function formOf(entries: Record<string, string | Blob>): Record<string, unknown> {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) form.append(name, value);
  // As runAction reads it: no prototype, so "__proto__" is an ordinary name.
  const read: Record<string, unknown> = Object.create(null);
  for (const [name, value] of form.entries()) read[name] = value;
  return read;
}

test("the form's entries become the service's fields; other entries and files are not fields", () => {
  const parsed = ZCredentialFormEntries.parse(
    formOf({ name: "Prod", toolSlug: "openai-chat", [credentialFieldName("apiKey")]: "v", "fields.__proto__": "p", [credentialFieldName("file")]: new Blob(["x"]) }),
  );
  assert.deepEqual(parsed, { name: "Prod", fields: [{ key: "apiKey", value: "v" }, { key: "__proto__", value: "p" }] });
  assert.equal(({} as Record<string, unknown>).value, undefined, "nothing reached Object.prototype");
  assert.equal(ZCredentialFormEntries.safeParse(formOf({ [credentialFieldName("apiKey")]: "v" })).success, false, "a form without a name is refused");
});

test("every error on a credential field comes back under that field's input name, on create and on update", async () => {
  await seedBuiltinTools();
  const cases: [string, Record<string, string>, string][] = [
    ["too long (zod's check)", { [credentialFieldName("login")]: "a", [credentialFieldName("password")]: "p".repeat(5000) }, "password"],
    ["control characters (the tool's check)", { [credentialFieldName("login")]: "a\r\nX: 1", [credentialFieldName("password")]: "a password" }, "login"],
    ["required and missing", { [credentialFieldName("login")]: "a" }, "password"],
  ];
  for (const [label, fields, key] of cases) {
    const input = { toolSlug: "dataforseo-serp", ...ZCredentialFormEntries.parse(formOf({ name: "SERP", ...fields })) };
    await assert.rejects(createCredential(alice, input), (error: unknown) => {
      assert.ok(error instanceof ValidationError, label);
      assert.deepEqual(Object.keys(error.fieldErrors), [credentialFieldName(key)], `${label}: ${JSON.stringify(error.fieldErrors)}`);
      return true;
    });
  }

  const saved = await createCredential(alice, {
    toolSlug: "dataforseo-serp",
    ...ZCredentialFormEntries.parse(formOf({ name: "SERP", [credentialFieldName("login")]: "a", [credentialFieldName("password")]: "a password" })),
  });
  const oversize = ZCredentialFormEntries.parse(formOf({ name: "SERP", [credentialFieldName("password")]: "p".repeat(5000) }));
  await assert.rejects(updateCredential(alice, saved._id.toString(), oversize), (error: unknown) => {
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(Object.keys(error.fieldErrors), [credentialFieldName("password")]);
    return true;
  });
});
