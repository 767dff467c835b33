// A setup link opened signed out (how most people meet it: from an agent's error in a chat) survives
// signing in and signing up: the person lands on the form for that tool and budget, and saving binds.
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { AUTH_FILE, TEST_USER } from "./test-user";

const WEATHER_KEY = "E2eSetupLinkWeatherKey0123456789"; // the tool wants 32 letters and digits

async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await request.post("/api/graphql", { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

/** A budget of the signed-in person with Tomorrow.io Weather and no credential for it, and the setup link an agent gets. */
async function budgetMissingACredential(request: APIRequestContext, name: string): Promise<{ budgetId: string; setupUrl: string }> {
  const { createBudget } = await graphql<{ createBudget: { id: string } }>(
    request,
    "mutation($name: String!) { createBudget(input: { name: $name }) { id } }",
    { name },
  );
  await graphql(request, 'mutation($id: ID!) { addToolToBudget(budgetId: $id, toolSlug: "tomorrow-weather") { id } }', { id: createBudget.id });
  const { createBudgetKey } = await graphql<{ createBudgetKey: { key: string } }>(
    request,
    'mutation($id: ID!) { createBudgetKey(budgetId: $id, name: "chat agent") { key } }',
    { id: createBudget.id },
  );
  const call = await request.post("/api/v1/tools/tomorrow-weather/invoke", {
    headers: { authorization: `Bearer ${createBudgetKey.key}` },
    data: { input: { location: "Lyon" } },
  });
  expect(call.status()).toBe(424);
  const { error } = (await call.json()) as { error: { code: string; setupUrl: string } };
  expect(error.code).toBe("missing_credential");
  return { budgetId: createBudget.id, setupUrl: error.setupUrl };
}

async function signedInRequest(browser: Browser) {
  const context = await browser.newContext({ storageState: AUTH_FILE });
  return { context, request: context.request };
}

test("signed out, a setup link leads through sign-in to its form, and saving binds the credential", async ({ browser }) => {
  const owner = await signedInRequest(browser);
  const { budgetId, setupUrl } = await budgetMissingACredential(owner.request, "Chat helper");
  await owner.context.close();

  const context = await browser.newContext(); // signed out
  const page = await context.newPage();
  const link = new URL(setupUrl);
  await page.goto(link.pathname + link.search);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(link.pathname + link.search);

  await page.getByLabel("E-mail").fill(TEST_USER.email);
  await page.getByLabel("Password").fill(TEST_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL((url) => url.pathname === link.pathname && url.search === link.search);
  await expect(page.getByText("Saving binds this credential to the budget Chat helper")).toBeVisible();
  await page.getByLabel("Name").fill("Weather from the link");
  await page.getByLabel("API key", { exact: true }).fill(WEATHER_KEY);
  await page.getByRole("button", { name: "Save and bind to Chat helper" }).click();

  await expect(page).toHaveURL(new RegExp(`/budgets/${budgetId}$`));
  await expect(page.getByText("Missing credential.")).toHaveCount(0);
  await expect(page.getByText("Weather from the link").first()).toBeVisible();
  await context.close();
});

test("signed out, the sign-in page's sign-up link keeps the destination, and a new account lands on it", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const deepLink = "/credentials/new?tool=openai-chat";
  await page.goto(deepLink);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/sign-up\?callbackUrl=/);

  await page.getByLabel("E-mail").fill(`link-${Date.now()}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL((url) => url.pathname + url.search === deepLink);
  await expect(page.getByRole("heading", { name: "New OpenAI Chat Completions credential" })).toBeVisible();
  await context.close();
});

test("a destination on another site is not followed after sign-in", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in?callbackUrl=" + encodeURIComponent("//evil.example/x"));
  await page.getByLabel("E-mail").fill(TEST_USER.email);
  await page.getByLabel("Password").fill(TEST_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.host !== "evil.example" && url.pathname !== "/sign-in");
  await context.close();
});
