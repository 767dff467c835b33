// A person's path through the dashboard, in order, in one browser session: sign up, a credential from a
// tool's schema, a budget with a key, a missing credential reported by an agent call and fixed from its
// setup link, edits, deletion; then a second person who must see none of it, and every page checked for
// accessibility, layout and looks (screenshots in e2e/screenshots/).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page, type Response } from "@playwright/test";
import { TEST_USER } from "./test-user";
import { SCREENSHOTS, bodyBackgroundLuminance, seriousViolations } from "./page-checks";

test.describe.configure({ mode: "serial" });

const DANA = { email: `dana-${Date.now()}@example.com`, password: "dana's long passphrase" };
const OPENAI_KEY = "sk-e2eCANARYopenaiKEY000000000a1b2";
const OPENAI_KEY_2 = "sk-e2eCANARYopenaiKEY000000000c3d4";
const WEATHER_KEY = "E2eCanaryWeatherKey0123456789wxy"; // the tool wants 32 letters and digits
const SECRETS = [OPENAI_KEY, OPENAI_KEY_2, WEATHER_KEY];

let page: Page;
/** Every response body the browser received, to search for secrets (HTML, RSC payloads, action results). */
const bodies: Promise<string>[] = [];
let budgetUrl = "";
let credentialUrl = "";

test.beforeAll(async ({ browser }) => {
  // A context of our own (axe needs one), kept for the whole serial run: one person's session.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on("response", (response: Response) => {
    bodies.push(response.text().catch(() => ""));
  });
});

test.afterAll(async () => {
  await page.context().close();
});

function fieldHelp(label: string) {
  // The FormField's description (errors or help) is what aria-describedby points at.
  return page.locator(`#${label}-desc`);
}

test("sign up, and land on the home page's checklist", async () => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: /create an account|sign up/i }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await page.getByLabel("E-mail").fill(DANA.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(fieldHelp("password")).toContainText("at least 10 characters");
  await page.getByLabel("Password", { exact: true }).fill(DANA.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // A new account starts on the home page's checklist, the first step next.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("0 of 5 done")).toBeVisible();
  await expect(page.locator('li[aria-current="step"]')).toContainText("Add a credential");
  await expect(page.getByRole("banner").getByText(DANA.email)).toBeVisible();
});

test("create a credential from the tool's schema, fixing a validation error on the way", async () => {
  await page.locator('li[aria-current="step"]').getByRole("link", { name: "Add a credential" }).click();
  await page.getByRole("link", { name: /OpenAI Chat Completions/ }).click();
  await expect(page.getByRole("heading", { name: "New OpenAI Chat Completions credential" })).toBeVisible();

  await page.getByLabel("Name").fill("Production");
  const apiKey = page.getByLabel("API key", { exact: true });
  await expect(apiKey).toHaveAttribute("type", "password");
  await apiKey.fill("not-an-openai-key");
  await page.getByRole("button", { name: "Save credential" }).click();
  // In plain words, with what the value should look like; the summary above the fields names it; focus is on it.
  await expect(fieldHelp("field-apiKey")).toHaveText(/^This does not look like a valid API key\. A secret key from platform\.openai\.com → API keys \(starts with sk-\)\.$/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The credential was not saved. Check this field: API key.");
  await expect(apiKey).toBeFocused();
  await expect(apiKey).toHaveAttribute("aria-invalid", "true");
  await expect(apiKey).toHaveValue("not-an-openai-key"); // what was typed survives the error
  await expect(page).toHaveURL(/\/credentials\/new\?tool=openai-chat$/);

  // Show-while-typing, then hidden again.
  await apiKey.fill(OPENAI_KEY);
  await page.getByRole("button", { name: "Show API key" }).click();
  await expect(apiKey).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide API key" }).click();
  await page.getByRole("button", { name: "Save credential" }).click();

  await expect(page).toHaveURL(/\/credentials$/);
  await expect(page.getByRole("status").filter({ hasText: "Credential “Production” saved." })).toBeVisible();
  const row = page.getByRole("listitem").filter({ hasText: "Production" });
  await expect(row).toContainText("••••••••a1b2");
  await expect(row).toContainText("No budget");
  credentialUrl = (await row.getByRole("link", { name: "Production" }).getAttribute("href"))!;
});

test("after saving, the secret is nowhere in the page, its HTML or its RSC payload", async () => {
  for (const url of ["/credentials", credentialUrl]) {
    await page.goto(url);
    expect(await page.content()).not.toContain(OPENAI_KEY);
    const html = await (await page.request.get(url)).text();
    const rsc = await (await page.request.get(url, { headers: { RSC: "1" } })).text();
    expect(html.length).toBeGreaterThan(1000);
    for (const text of [html, rsc]) {
      expect(text).not.toContain(OPENAI_KEY);
      expect(text).not.toContain(Buffer.from(OPENAI_KEY).toString("base64"));
    }
  }
  // The edit form shows only the mask with its hint.
  const apiKey = page.getByLabel("API key", { exact: true });
  await expect(apiKey).toHaveValue("");
  await expect(apiKey).toHaveAttribute("placeholder", "••••••••a1b2");
});

test("edit: leaving the secret untouched keeps it, typing replaces it", async () => {
  await page.goto(credentialUrl);
  await page.getByLabel("Name").fill("Production (main)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/credentials$/);
  const row = page.getByRole("listitem").filter({ hasText: "Production (main)" });
  await expect(row).toContainText("••••••••a1b2");

  await page.goto(credentialUrl);
  await page.getByLabel("API key", { exact: true }).fill(OPENAI_KEY_2);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/credentials$/);
  await expect(page.getByRole("listitem").filter({ hasText: "Production (main)" })).toContainText("••••••••c3d4");
});

test("create a budget and a key shown once; add tools; bind the credential", async () => {
  await page.getByRole("link", { name: "Budgets" }).click();
  await page.getByLabel("Name").fill("Market scout");
  await page.getByLabel("Spending limit").fill("10.00");
  await page.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Market scout" })).toBeVisible();
  budgetUrl = new URL(page.url()).pathname;

  await page.getByLabel("Key name").fill("laptop agent");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = page.getByLabel("New budget key");
  await expect(key).toHaveText(/^vl_live_[A-Za-z0-9_-]{43}$/);
  const budgetKey = (await key.textContent())!;
  await expect(page.getByRole("button", { name: "Copy key" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("New budget key")).toHaveCount(0);
  await expect(page.getByText(budgetKey.slice(0, 12)).first()).toBeVisible(); // listed by its prefix
  await expect(page.locator("body")).not.toContainText(budgetKey);

  // The one OpenAI credential there is gets bound with the tool: nothing to choose.
  await page.getByLabel("Add a tool").selectOption({ label: "OpenAI Chat Completions" });
  await page.getByRole("button", { name: "Add tool" }).click();
  await expect(page.getByRole("status")).toContainText("OpenAI Chat Completions added, and bound to your credential “Production (main)”");
  await expect(page.getByRole("button", { name: /Bound/ })).toBeVisible();

  await page.getByLabel("Add a tool").selectOption({ label: "Tomorrow.io Weather" });
  await page.getByRole("button", { name: "Add tool" }).click();
  await expect(page.getByText("Missing credential.")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: /1 warning/ })).toBeVisible();

  // The home page's checklist: everything but the first call, which it shows how to make.
  await page.getByRole("link", { name: "Home" }).click();
  await expect(page.getByText("4 of 5 done")).toBeVisible();
  const next = page.locator('li[aria-current="step"]');
  await expect(next).toContainText("Make the first call");
  await expect(next.getByLabel("Example request")).toContainText("/api/v1/tools/openai-chat/invoke");
  await expect(next.getByLabel("Example request")).toContainText('"Authorization: Bearer $BUDGET_KEY"');
  await page.goto(budgetUrl);

  // An agent calls the tool: the error carries the setup link.
  const call = await page.request.post("/api/v1/tools/tomorrow-weather/invoke", {
    headers: { authorization: `Bearer ${budgetKey}` },
    data: { input: { location: "Lyon" } },
  });
  expect(call.status()).toBe(424);
  const { error } = (await call.json()) as { error: { code: string; setupUrl: string } };
  expect(error.code).toBe("missing_credential");
  test.info().annotations.push({ type: "setupUrl", description: error.setupUrl });
  process.env.E2E_SETUP_URL = error.setupUrl;
});

test("the missing-credential warning and its setup link lead to a bound credential and a cleared warning", async () => {
  await page.getByRole("banner").getByRole("link", { name: /warning/ }).click();
  const warning = page.getByRole("listitem").filter({ hasText: "Missing credential for Tomorrow.io Weather" });
  await expect(warning).toContainText("Market scout");
  // The agent's call is counted by the batched usage writer, within a fraction of a second.
  await expect(async () => {
    await page.reload();
    await expect(warning).toContainText("refused 1 time", { timeout: 1_000 });
  }).toPass();
  const href = await warning.getByRole("link", { name: "Set up Tomorrow.io Weather" }).getAttribute("href");
  const setupUrl = new URL(process.env.E2E_SETUP_URL!);
  expect(href).toBe(setupUrl.pathname + setupUrl.search); // the same link the agent got

  await page.goto(process.env.E2E_SETUP_URL!);
  await expect(page.getByText("Saving binds this credential to the budget Market scout")).toBeVisible();
  await page.getByLabel("Name").fill("Weather prod");
  await page.getByLabel("API key", { exact: true }).fill(WEATHER_KEY);
  await page.getByRole("button", { name: "Save and bind to Market scout" }).click();

  await expect(page).toHaveURL(new RegExp(`${budgetUrl}$`));
  await expect(page.getByText("Missing credential.")).toHaveCount(0);
  await page.goto("/warnings");
  await expect(page.getByText("All set")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "No warnings" })).toBeVisible();

  // Set up and called: the home page shows the activity instead of the checklist.
  await page.goto("/");
  await expect(page.getByText("Get started")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Latest calls" })).toBeVisible();
  await expect(page.locator("main")).toContainText("missing_credential");
  await expect(page.locator("main")).toContainText("Nothing: every tool of every budget is ready.");

  // The budget's call log explains the failed call in plain words, with its fix.
  await page.goto(budgetUrl);
  const log = page.locator("#recent-calls");
  await log.getByText("missing_credential", { exact: true }).filter({ visible: true }).first().click();
  await expect(log.getByText("Open the setup link (setupUrl)").filter({ visible: true }).first()).toBeVisible();
  await expect(log.getByText("Not charged.").filter({ visible: true }).first()).toBeVisible();
});

test("delete a credential: the confirmation names the budget that loses it", async () => {
  await page.goto(credentialUrl);
  await page.getByRole("button", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Market scout");
  await dialog.getByRole("button", { name: "Delete credential" }).click();
  await expect(page).toHaveURL(/\/credentials$/);
  await expect(page.getByText("Production (main)")).toHaveCount(0);
  await page.goto(budgetUrl);
  await expect(page.getByText("Missing credential.")).toBeVisible();
});

test("the credential form works with the keyboard alone", async () => {
  await page.goto("/credentials/new?tool=dataforseo-serp");
  await page.getByLabel("Name").focus();
  await page.keyboard.type("SERP account");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("API login")).toBeFocused();
  await page.keyboard.type("dana@example.com");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("API password", { exact: true })).toBeFocused();
  await page.keyboard.type("a password typed by keyboard");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Show API password" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save credential" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/credentials$/);
  await expect(page.getByRole("listitem").filter({ hasText: "SERP account" })).toContainText("dana@example.com");
});

test("define a custom tool, fixing a template error on the way, then add its credential", async () => {
  await page.goto("/tools");
  await page.getByRole("link", { name: "Define a custom tool" }).first().click();
  await page.locator("#tool-name").fill("Acme CRM");
  await expect(page.getByLabel("Slug")).toHaveValue("acme-crm"); // suggested from the name
  await page.getByLabel("URL").fill("https://api.acme.test/v1/contacts");

  // Rows are repeated controls with the same labels: each row's inputs are found by its id prefix.
  await page.getByRole("button", { name: "Add credential field" }).click();
  await page.locator('input[id^="cf-"][id$="-key"]').fill("token");
  await page.locator('input[id^="cf-"][id$="-label"]').fill("API token");
  await page.locator('input[id^="cf-"][id$="-secret"]').check();

  await page.getByRole("button", { name: "Add injection rule" }).click();
  const template = page.locator('input[id^="ir-"][id$="-template"]');
  await page.locator('input[id^="ir-"][id$="-name"]').fill("Authorization");
  await template.fill("Bearer {{tokn}}");
  const schema = page.getByLabel("Input schema");
  await schema.fill('{"type": "string"}');
  await page.getByRole("button", { name: "Create tool" }).click();
  await expect(page.locator("#tool-input-schema-desc")).toContainText('must have "type": "object"');
  await expect(schema).toBeFocused();
  await schema.fill('{"type": "object", "properties": {"email": {"type": "string", "format": "email"}, "limit": {"type": "integer"}}, "required": ["email"]}');
  await page.getByRole("button", { name: "Create tool" }).click();
  await expect(page.locator('[id^="ir-"][id$="-template-desc"]')).toContainText("references {{tokn}}, which is not a credential field");

  await template.fill("Bearer ");
  await page.getByRole("button", { name: "Insert {{token}}" }).click();
  await expect(template).toHaveValue("Bearer {{token}}");
  await page.getByRole("button", { name: "Create tool" }).click();
  await expect(page).toHaveURL(/\/tools\?created=acme-crm$/);
  await expect(page.getByRole("heading", { name: "Acme CRM" })).toBeVisible();
  await expect(page.locator("#tool-acme-crm")).toContainText("email, limit (optional)");

  // Its credential form is generated from the fields just defined.
  await page.goto("/credentials/new?tool=acme-crm");
  await expect(page.getByRole("heading", { name: "New Acme CRM credential" })).toBeVisible();
  await expect(page.getByLabel("API token", { exact: true })).toHaveAttribute("type", "password");
});

test("a custom tool is edited (cost in dollars), duplicated and deleted from the catalog", async () => {
  await page.goto("/tools");
  await page.getByRole("link", { name: "Edit Acme CRM" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit Acme CRM" })).toBeVisible();
  await expect(page.getByLabel("Slug")).toHaveAttribute("readonly", "");
  await page.getByLabel("Cost per call, in dollars").fill("0.055");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(fieldHelp("tool-cost")).toContainText("must be an amount in dollars");
  await page.getByLabel("Cost per call, in dollars").fill("0.05");
  await page.locator("#tool-name").fill("Acme CRM v2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/tools\?updated=acme-crm$/);
  await expect(page.getByRole("status").filter({ hasText: "Acme CRM v2 is saved" })).toBeVisible();
  await expect(page.locator("#tool-acme-crm")).toContainText("$0.05");

  await page.getByRole("link", { name: "Duplicate Acme CRM v2" }).click();
  await expect(page.locator("#tool-name")).toHaveValue("Copy of Acme CRM v2");
  await expect(page.getByLabel("Slug")).toHaveValue("");
  await expect(page.getByLabel("URL")).toHaveValue("https://api.acme.test/v1/contacts");

  await page.goto("/tools");
  await page.getByRole("button", { name: "Delete Acme CRM v2" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete tool" }).click();
  await expect(page.getByText("Tool “Acme CRM v2” deleted.")).toBeVisible();
  await expect(page.locator("#tool-acme-crm")).toHaveCount(0);
});

test("the audit trail lists what this person did, filters by action, and never shows a secret", async () => {
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
  const entries = page.getByRole("list", { name: "Audit entries, newest first" }).getByRole("listitem");
  await expect(entries.filter({ hasText: "credential.created" }).first()).toBeVisible();
  await expect(entries.filter({ hasText: "budget_key.created" }).first()).toBeVisible();
  await page.getByLabel("Action").selectOption("credential.deleted");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=credential\.deleted/);
  await expect(entries.first()).toContainText("credential.deleted");
  expect(await entries.evaluateAll((items) => items.every((li) => li.textContent?.includes("credential.deleted")))).toBe(true);
  const html = await page.content();
  for (const secret of SECRETS) expect(html).not.toContain(secret);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit$/);
});

test("no secret reached the browser in any response", async () => {
  const all = (await Promise.all(bodies)).join("\n");
  expect(all.length).toBeGreaterThan(10_000);
  for (const secret of SECRETS) expect(all.includes(secret), `a response contains ${secret.slice(0, 12)}…`).toBe(false);
});

test.describe("every page: accessibility, layout at desktop and phone widths, light and dark", () => {
  const pages = [
    { name: "home", url: () => "/", heading: "Home" },
    { name: "not-found", url: () => "/no-such-page", heading: "Page not found" },
    { name: "credentials", url: () => "/credentials", heading: "Credentials" },
    { name: "credential-new", url: () => "/credentials/new?tool=openai-chat", heading: "New OpenAI Chat Completions credential" },
    { name: "credential-edit", url: () => "/credentials", heading: "Credentials" },
    { name: "budgets", url: () => "/budgets", heading: "Budgets" },
    { name: "budget", url: () => budgetUrl, heading: "Market scout" },
    { name: "tools", url: () => "/tools", heading: "Tools" },
    { name: "tool-new", url: () => "/tools/new", heading: /custom tool/i },
    { name: "tokens", url: () => "/settings/tokens", heading: /tokens/i },
    { name: "warnings", url: () => "/warnings", heading: "Warnings" },
    { name: "audit", url: () => "/audit", heading: "Audit trail" },
    { name: "account", url: () => "/account", heading: "Account" },
  ];
  const viewports = [
    { name: "desktop", width: 1280, height: 800 },
    { name: "phone", width: 390, height: 844 },
  ];

  test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  for (const p of pages) {
    test(p.name, async () => {
      // Four renderings, each checked by axe and photographed: more than the default budget on a busy machine.
      test.setTimeout(120_000);
      for (const viewport of viewports) {
        for (const colorScheme of ["light", "dark"] as const) {
          await page.setViewportSize({ width: viewport.width, height: viewport.height });
          await page.emulateMedia({ colorScheme });
          await page.goto(p.url());
          if (p.name === "credential-edit") await page.getByRole("link", { name: "SERP account" }).click();
          await expect(page.getByRole("heading", { level: 1 }).first()).toContainText(p.name === "credential-edit" ? "SERP account" : p.heading);

          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${p.name} is wider than ${viewport.width}px`).toBeLessThanOrEqual(0);
          const { css, luminance } = await bodyBackgroundLuminance(page);
          if (colorScheme === "dark") expect(luminance, css).toBeLessThan(0.1);
          else expect(luminance, css).toBeGreaterThan(0.8);
          const found = await seriousViolations(page);
          expect(found, `${p.name} ${viewport.name} ${colorScheme}:\n${found.join("\n")}`).toEqual([]);

          await page.screenshot({ path: path.join(SCREENSHOTS, `${p.name}-${viewport.name}-${colorScheme}.png`), fullPage: true });
        }
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: "light" });
    });
  }
});

test("a second user sees none of the first user's data", async ({ browser }) => {
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await other.goto("/sign-in");
  await other.getByLabel("E-mail").fill(TEST_USER.email);
  await other.getByLabel("Password").fill(TEST_USER.password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other).toHaveURL(/\/$/);
  await expect(other.locator("main")).not.toContainText("SERP account");
  await other.goto("/budgets");
  await expect(other.locator("main")).not.toContainText("Market scout");
  await other.goto("/warnings");
  await expect(other.locator("main")).not.toContainText("Market scout");

  // Direct links to the first user's records find nothing.
  await page.goto("/credentials");
  const serp = await page.getByRole("link", { name: "SERP account" }).getAttribute("href");
  for (const url of [serp!, budgetUrl]) {
    await other.goto(url);
    await expect(other.locator("main")).toContainText(/not found/i);
    await expect(other.locator("main")).not.toContainText(/SERP account|Market scout|dana@example.com/);
  }
  await otherContext.close();
});
