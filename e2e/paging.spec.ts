// Lists that grow page by cursor: budgets and credentials 50 a page, a budget's calls 20 a page, with
// "Showing n of total", Next page and First page. Seeded through GraphQL and the agent route as the
// signed-in person (the shared e2e user).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { AUTH_FILE } from "./test-user";

test.use({ storageState: AUTH_FILE });

async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post("/api/graphql", { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

test("budgets and credentials page 50 at a time", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  for (let i = 0; i < 51; i++) await graphql(page.request, "mutation($n: String!) { createBudget(input: { name: $n }) { id } }", { n: `paged ${stamp} ${i}` });
  const { budgetConnection } = await graphql<{ budgetConnection: { totalCount: number } }>(page.request, "{ budgetConnection(first: 1) { totalCount } }");

  await page.goto("/budgets");
  await expect(page.getByText(`Showing 50 of ${budgetConnection.totalCount} budgets`)).toBeVisible();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/\/budgets\?after=/);
  // Oldest first: the last one made is on a later page, and the first page's link is offered.
  await expect(page.getByRole("link", { name: `paged ${stamp} 50` })).toBeVisible();
  await page.getByRole("link", { name: "First page" }).click();
  await expect(page).toHaveURL(/\/budgets$/);

  for (let i = 0; i < 51; i++) {
    await graphql(page.request, "mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }", {
      input: { toolSlug: "openai-chat", name: `paged key ${stamp} ${i}`, fields: [{ key: "apiKey", value: `sk-e2ePAGEDkey${String(i).padStart(20, "0")}` }] },
    });
  }
  await page.goto("/credentials");
  // Newest first: the first one made is on the next page.
  await expect(page.getByRole("link", { name: `paged key ${stamp} 50` })).toBeVisible();
  await expect(page.getByRole("link", { name: `paged key ${stamp} 0`, exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("link", { name: `paged key ${stamp} 0`, exact: true })).toBeVisible();
  // A cursor made up in the address bar shows the first page rather than an error.
  await page.goto("/credentials?after=not-a-cursor");
  await expect(page.getByRole("link", { name: `paged key ${stamp} 50` })).toBeVisible();
});

test("a budget's calls page 20 at a time", async ({ page }) => {
  const { createBudget } = await graphql<{ createBudget: { id: string } }>(page.request, 'mutation { createBudget(input: { name: "call log" }) { id } }');
  const { createBudgetKey } = await graphql<{ createBudgetKey: { key: string } }>(page.request, 'mutation($id: ID!) { createBudgetKey(budgetId: $id, name: "pager agent") { key } }', { id: createBudget.id });
  await graphql(page.request, 'mutation($id: ID!) { addToolToBudget(budgetId: $id, toolSlug: "open-meteo") { id } }', { id: createBudget.id });
  // An input the tool's schema refuses: each call is refused (400) before any vendor, and recorded.
  for (let i = 0; i < 25; i++) {
    const call = await page.request.post("/api/v1/tools/open-meteo/invoke", { headers: { authorization: `Bearer ${createBudgetKey.key}` }, data: { input: { latitude: 500 } } });
    expect(call.status()).toBe(400);
  }
  await expect(async () => {
    await page.goto(`/budgets/${createBudget.id}`);
    await expect(page.getByText("Showing 20 of 25 calls")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 }); // usage is written once a second
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/\?calls=/);
  await expect(page.getByText("Showing 5 of 25 calls")).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent calls" }).getByRole("row")).toHaveCount(6); // the header and 5 calls
});
