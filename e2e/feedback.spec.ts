// What the dashboard says when something works and when it does not: errors in plain sentences next to
// their fields with a summary above them and the focus on the first, a notice for each change, a budget
// key revealed with the focus on it and a curl sample that works once pasted.
import { expect, test } from "@playwright/test";
import { AUTH_FILE } from "./test-user";

test.use({ storageState: AUTH_FILE });

test("an empty credential form flags every required field, in sentences, with a summary above them", async ({ page }) => {
  await page.goto("/credentials/new?tool=dataforseo-serp");
  await page.getByRole("button", { name: "Save credential" }).click();
  const summary = page.getByRole("main").getByRole("alert");
  await expect(summary).toHaveText("The credential was not saved. Check these fields: Name, API login, API password.");
  await expect(page.locator("#credential-name-desc")).toHaveText("Give the credential a name, e.g. “Production”.");
  await expect(page.locator("#field-login-desc")).toHaveText("Enter the API login.");
  await expect(page.locator("#field-password-desc")).toHaveText("Enter the API password.");
  await expect(page.getByLabel("Name")).toBeFocused();
  // The summary comes before the fields it names.
  const summaryFirst = await summary.evaluate((alert) => {
    const name = document.getElementById("credential-name")!;
    return !!(alert.compareDocumentPosition(name) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(summaryFirst).toBe(true);
  await expect(page.locator("main")).not.toContainText(/Too small|expected string|is required$/);
});

test("a budget key: focus on the revealed key, a curl sample with it, names unique in the budget", async ({ page }) => {
  await page.goto("/budgets");
  await page.getByLabel("Name").fill(`Weather desk ${Date.now()}`);
  await page.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByRole("status")).toContainText("created. Add its tools and a key next.");
  await expect(page.getByRole("heading", { level: 1, name: /Weather desk/ })).toBeVisible();

  await page.getByLabel("Add a tool").selectOption({ label: "Open-Meteo Forecast (no credential needed)" });
  await page.getByRole("button", { name: "Add tool" }).click();
  await expect(page.getByRole("status")).toContainText("Open-Meteo Forecast added to the budget.");

  await page.getByLabel("Key name").fill("desk agent");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = page.getByLabel("New budget key");
  await expect(key).toBeFocused();
  const budgetKey = (await key.textContent())!;
  expect(budgetKey).toMatch(/^vl_live_/);
  const sample = page.locator('[role="status"]', { hasText: "Key “desk agent” created" }).getByLabel("Example request");
  await expect(sample).toContainText(`Authorization: Bearer ${budgetKey}`);
  await expect(sample).toContainText(`'{"input":{"latitude":45.76,"longitude":4.84,"current":"temperature_2m"}}'`);
  await expect(sample).toContainText("/api/v1/tools/open-meteo/invoke");

  // The same name again: refused next to the field, which takes the focus.
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByLabel("Key name").fill("desk agent");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.locator("#key-name-desc")).toHaveText("This budget already has a key named “desk agent”. Choose another name.");
  await expect(page.getByLabel("Key name")).toBeFocused();
  await expect(page.getByLabel("New budget key")).toHaveCount(0);

  // An empty name: a sentence, not a library's message.
  await page.getByLabel("Key name").fill("");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.locator("#key-name-desc")).toHaveText("Give the key a name, e.g. “laptop agent”.");
});

test("a failed sign-in puts the focus back on the password", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } }); // signed out
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeFocused();
  await context.close();
});
