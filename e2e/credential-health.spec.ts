// Credential health in the dashboard: the verify request's verdict on the credential's page (run on
// save, and again with Test), and an expiring credential warned about on the warnings page, naming the
// budget and tool.
import { createServer, type Server } from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { AUTH_FILE } from "./test-user";

test.use({ storageState: AUTH_FILE });

let vendor: Server;
let vendorUrl = "";
let accept = false;

test.beforeAll(async () => {
  vendor = createServer((_req, res) => res.writeHead(accept ? 200 : 401, { "content-type": "application/json" }).end("{}"));
  await new Promise<void>((resolve) => vendor.listen(0, "127.0.0.1", resolve));
  vendorUrl = `http://127.0.0.1:${(vendor.address() as { port: number }).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => vendor.close(() => resolve())));

async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post("/api/graphql", { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

test("the vendor's verdict on save and on Test, and an expiry warning naming the budget and tool", async ({ page, request }) => {
  await graphql(
    request,
    `mutation($verify: String!, $api: String!) {
      createIntegration(input: { slug: "health-vendor", name: "Health Vendor", authKind: STATIC,
        credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true }], verify: { method: GET, url: $verify } }) { slug }
      createTool(input: { slug: "health-list", name: "Health list", integration: "health-vendor", endpoint: { method: GET, url: $api },
        injection: [{ in: HEADER, name: "x-api-key", template: "{{apiKey}}" }] }) { slug }
      createBudget(input: { name: "Health budget" }) { id }
    }`,
    { verify: `${vendorUrl}/whoami`, api: `${vendorUrl}/list` },
  );
  const { budgets } = await graphql<{ budgets: { id: string; name: string }[] }>(request, "{ budgets { id name } }");
  const budgetId = budgets.find((b) => b.name === "Health budget")!.id;
  const { createCredential } = await graphql<{ createCredential: { id: string; verification: { outcome: string; status: number } } }>(
    request,
    `mutation($b: ID!, $expires: DateTime!) {
      createCredential(input: { toolSlug: "health-list", name: "Health key", budgetId: $b, expiresAt: $expires, fields: [{ key: "apiKey", value: "health-key-canary" }] }) {
        id verification { outcome status }
      }
    }`,
    { b: budgetId, expires: new Date(Date.now() + 5 * 86_400_000).toISOString() },
  );
  expect(createCredential.verification).toEqual({ outcome: "REJECTED", status: 401 });

  await page.goto(`/credentials/${createCredential.id}`);
  await expect(page.getByRole("status").filter({ hasText: "Checked with Health Vendor" })).toContainText("the vendor refused it: check the values (HTTP 401)");
  accept = true;
  await page.getByRole("button", { name: "Test" }).click();
  await expect(page.getByText("Health Vendor accepted it.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Checked with Health Vendor" })).toContainText("the vendor accepted it (HTTP 200)");
  await expect(page.locator("body")).not.toContainText("health-key-canary");

  // The expiry date given through GraphQL shows in the edit form, where it can be changed or removed.
  await expect(page.getByLabel("Expires on")).toHaveValue(new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10));

  await page.goto("/warnings");
  const warning = page.getByRole("listitem").filter({ hasText: "Expiring credential for Health list" });
  await expect(warning).toContainText("Health budget");
  await expect(warning).toContainText("It expires on");
});
