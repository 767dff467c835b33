// The account page (name in the header, password change with its rules, other sessions signed out), the
// call log's filters and call detail, the home and budget charts with their table, and the phone header:
// one row, every control at least 44×44 px.
import { expect, test, type Page } from "@playwright/test";
import { seriousViolations } from "./page-checks";

const ADA = { email: `ada-${Date.now()}@example.com`, password: "analytical engine 1843", name: "Ada" };

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** Controls smaller than 44×44 px on the page as laid out now (inline links in running text excepted). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>("button, select, input:not([type=hidden]), textarea, summary, header a, nav a");
    const small: string[] = [];
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown at this width
      // A checkbox or radio is touched through its label, which must be large enough itself.
      const label = el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") ? el.closest("label")?.getBoundingClientRect() : null;
      if (label && label.height >= 44) continue;
      if (box.height < 44 || box.width < 44) small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || el.id).trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  });
}

// Serial, each test a few page loads on a busy machine: more than the default budget.
test.describe.configure({ mode: "serial", timeout: 90_000 });

let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});

test("sign up with a name: the header shows it, the account page changes it", async () => {
  await page.goto("/sign-up");
  await page.getByLabel("E-mail").fill(ADA.email);
  await page.getByLabel("Password", { exact: true }).fill(ADA.password);
  await page.getByLabel("Name").fill(ADA.name);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("banner").getByRole("link", { name: ADA.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(ADA.email);
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toContainText("Name saved.");
  await expect(page.getByRole("banner").getByRole("link", { name: "Ada Lovelace" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("a password change checks the current one and the rule, then signs out the other sessions", async ({ browser }) => {
  const other = await (await browser.newContext()).newPage();
  await signIn(other, ADA.email, ADA.password);
  await page.goto("/account");
  await expect(page.getByRole("main")).toContainText("in 1 other session");

  await page.getByLabel("Current password", { exact: true }).fill("not the password");
  await page.getByLabel("New password", { exact: true }).fill("a new long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#current-password-desc")).toHaveText("This is not your current password.");
  await expect(page.getByLabel("Current password", { exact: true })).toBeFocused();

  await page.getByLabel("Current password", { exact: true }).fill(ADA.password);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#new-password-desc")).toContainText("at least 10 characters");

  await page.getByLabel("Current password", { exact: true }).fill(ADA.password);
  await page.getByLabel("New password", { exact: true }).fill(ADA.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#new-password-desc")).toHaveText("The new password must differ from the current one.");

  ADA.password = "difference engine 1822";
  await page.getByLabel("Current password", { exact: true }).fill("analytical engine 1843");
  await page.getByLabel("New password", { exact: true }).fill(ADA.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed. 1 other session was signed out.");
  // The other browser is signed out; this one is not.
  await other.goto("/account");
  await expect(other).toHaveURL(/\/sign-in/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();

  // Signed in again elsewhere (with the new password), then signed out from here.
  await signIn(other, ADA.email, ADA.password);
  await page.reload();
  await page.getByRole("button", { name: "Sign out of other sessions" }).click();
  await expect(page.getByRole("status")).toContainText("Signed out of 1 other session.");
  await other.goto("/budgets");
  await expect(other).toHaveURL(/\/sign-in/);
  await other.context().close();
});

test("the call log filters by error code and request id, in the URL, and each call opens to its detail", async () => {
  await page.goto("/budgets");
  await page.getByLabel("Name").fill("Log desk");
  await page.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Log desk" })).toBeVisible();
  await page.getByLabel("Add a tool").selectOption({ label: "Open-Meteo Forecast (no credential needed)" });
  await page.getByRole("button", { name: "Add tool" }).click();
  await expect(page.getByRole("status")).toContainText("Open-Meteo Forecast added to the budget.");
  await page.getByLabel("Key name").fill("log agent");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByLabel("New budget key").textContent())!;
  // The curl sample's input comes from the tool's schema examples.
  await expect(page.getByLabel("Example request").first()).toContainText('"latitude":45.76');
  const budgetUrl = page.url().split("#")[0]!.split("?")[0]!;

  // Two refused calls (no vendor is reached), both inputs the schema refuses. (A tool the budget does not
  // list is refused without a record: made-up slugs must not fill the log.)
  const invalid = await page.request.post("/api/v1/tools/open-meteo/invoke", { headers: { authorization: `Bearer ${key}` }, data: { input: { latitude: 500 } } });
  const invalidId = ((await invalid.json()) as { error: { code: string; requestId: string } }).error;
  expect(invalidId.code).toBe("invalid_input");
  const second = await page.request.post("/api/v1/tools/open-meteo/invoke", { headers: { authorization: `Bearer ${key}` }, data: { input: { longitude: 500 } } });
  expect(((await second.json()) as { error: { code: string } }).error.code).toBe("invalid_input");

  // Usage is written once a second.
  await expect(async () => {
    await page.goto(budgetUrl);
    await expect(page.locator("#recent-calls tbody tr")).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  const log = page.locator("#recent-calls");
  await log.getByLabel("Error code").selectOption("tool_not_allowed");
  await log.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/code=tool_not_allowed/);
  await expect(log.getByRole("heading", { name: "No call matches these filters" })).toBeVisible();
  await log.getByLabel("Error code").selectOption("invalid_input");
  await log.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/code=invalid_input/);
  await expect(log.locator("tbody tr")).toHaveCount(2);
  await log.locator("tbody tr summary").last().click();
  const detail = log.locator("tbody tr").last().locator("dl");
  await expect(detail).toContainText(invalidId.requestId);
  await expect(detail).toContainText("Fix:");

  // A request id, as the agent was told it, finds that call alone; a made-up one says nothing matches.
  await page.goto(`${budgetUrl}?request=${invalidId.requestId}`);
  await expect(log.locator("tbody tr")).toHaveCount(1);
  await expect(log.getByLabel("Request id")).toHaveValue(invalidId.requestId);
  await page.goto(`${budgetUrl}?status=ok`);
  await expect(log.getByRole("heading", { name: "No call matches these filters" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The chart counts the two calls; its figures are a table too.
  await page.goto(budgetUrl);
  await expect(page.getByRole("img", { name: /Chart: 2 calls and \$0\.00 spent over the last 30 days/ })).toBeVisible();
  await page.getByText("Show the figures as a table").click();
  await expect(page.getByRole("table", { name: /Calls, errors and spend per day/ }).locator("tbody tr").first()).toContainText("2");
});

test("on a phone the header is one row with a menu, and every control is at least 44×44 px", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ["/", "/account"]) {
    await page.goto(url);
    const header = await page.getByRole("banner").boundingBox();
    expect(header!.height, `${url}: the header is one row`).toBeLessThan(70);
    expect(await smallTargets(page), url).toEqual([]);
  }
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(page.getByRole("button", { name: "Close" })).toHaveAttribute("aria-expanded", "true");
  expect(await smallTargets(page)).toEqual([]);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Budgets" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Budgets" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
});
