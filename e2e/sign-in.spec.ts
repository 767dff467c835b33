// The sign-in page, driven through the browser like a person would. Dashboard pages: dashboard.spec.ts.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { TEST_USER } from "./test-user";
import { SCREENSHOTS, bodyBackgroundLuminance, seriousViolations } from "./page-checks";

const SIGN_IN_URL = /\/sign-in(\?.*)?$/;
// "/" is the credentials page once signed in.
const HOME_URL = /^http:\/\/[^/]+\/$/;
const WRONG_CREDENTIALS = "The e-mail or password is not right.";

async function signInWithForm(page: Page, password: string = TEST_USER.password): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(TEST_USER.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The form's message. Next.js's route announcer is also role=alert (empty), but outside <main>. */
function formAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

/** The top bar names the signed-in account (at desktop widths). */
function signedInAs(page: Page) {
  return page.getByRole("banner").getByText(TEST_USER.email);
}

async function hasSessionCookie(page: Page): Promise<boolean> {
  return (await page.context().cookies()).some((c) => c.name.endsWith("next-auth.session-token"));
}

test.describe("signed out", () => {
  test("an anonymous visit to / lands on /sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(SIGN_IN_URL);
    await expect(page.getByRole("heading", { name: "Sign in to Vaultline" })).toBeVisible();
    await expect(page.getByRole("banner")).toHaveCount(0);
  });

  test("a wrong password shows the alert and stays on /sign-in", async ({ page }) => {
    await signInWithForm(page, "not-the-right-password");
    await expect(formAlert(page)).toHaveText(WRONG_CREDENTIALS);
    await expect(page).toHaveURL(SIGN_IN_URL);
    expect(await hasSessionCookie(page)).toBe(false);
    // The form can be used again after the failure.
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  test("an unknown e-mail gets the same alert as a wrong password", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill("nobody@example.com");
    await page.getByLabel("Password").fill(TEST_USER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert(page)).toHaveText(WRONG_CREDENTIALS);
    await expect(page).toHaveURL(SIGN_IN_URL);
  });

  test("the right password lands on / showing who is signed in", async ({ page }) => {
    await signInWithForm(page);
    await expect(page).toHaveURL(HOME_URL);
    await expect(signedInAs(page)).toBeVisible();
    expect(await hasSessionCookie(page)).toBe(true);
  });

  test("signing out returns to /sign-in and / redirects there again", async ({ page }) => {
    await signInWithForm(page);
    await expect(page).toHaveURL(HOME_URL);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(SIGN_IN_URL);
    expect(await hasSessionCookie(page)).toBe(false);
    await page.goto("/");
    await expect(page).toHaveURL(SIGN_IN_URL);
    await expect(page.getByRole("banner")).toHaveCount(0);
  });

  test("the form works with the keyboard alone", async ({ page }) => {
    await page.goto("/sign-in");
    const email = page.getByLabel("E-mail");
    const password = page.getByLabel("Password");
    const button = page.getByRole("button", { name: "Sign in" });

    await page.keyboard.press("Tab");
    await expect(email).toBeFocused();
    await page.keyboard.type(TEST_USER.email);
    await page.keyboard.press("Tab");
    await expect(password).toBeFocused();
    await page.keyboard.type(TEST_USER.password);
    await page.keyboard.press("Tab");
    await expect(button).toBeFocused();
    // Back to the password field: Enter there submits the form.
    await page.keyboard.press("Shift+Tab");
    await expect(password).toBeFocused();
    await page.keyboard.press("Enter");

    await expect(page).toHaveURL(HOME_URL);
    await expect(signedInAs(page)).toBeVisible();
  });

  test("Enter on the focused button submits too", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").focus();
    await page.keyboard.type(TEST_USER.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type("not-the-right-password");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(formAlert(page)).toHaveText(WRONG_CREDENTIALS);
  });
});

test.describe("accessibility (axe: no serious or critical findings)", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`/sign-in, ${colorScheme}, with and without the error message`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto("/sign-in");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      const before = await seriousViolations(page);
      expect(before, before.join("\n")).toEqual([]);

      await page.getByLabel("E-mail").fill(TEST_USER.email);
      await page.getByLabel("Password").fill("not-the-right-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(formAlert(page)).toBeVisible();
      const after = await seriousViolations(page);
      expect(after, after.join("\n")).toEqual([]);
    });
  }

});

test.describe("screenshots (e2e/screenshots/)", () => {
  const viewports = [
    { name: "desktop", width: 1280, height: 800 },
    { name: "phone", width: 390, height: 844 },
  ] as const;
  const pages = [{ name: "sign-in", url: "/sign-in", ready: "Sign in to Vaultline" }] as const;

  test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  for (const p of pages) {
    test.describe(p.name, () => {
      for (const viewport of viewports) {
        for (const colorScheme of ["light", "dark"] as const) {
          test(`${p.url} at ${viewport.width}x${viewport.height}, ${colorScheme}`, async ({ page }) => {
            await page.setViewportSize({ width: viewport.width, height: viewport.height });
            await page.emulateMedia({ colorScheme });
            await page.goto(p.url);
            await expect(page).toHaveURL(SIGN_IN_URL);
            await expect(page.getByRole("heading", { level: 1, name: p.ready, exact: true })).toBeVisible();

            // Nothing sticks out sideways at this width.
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
            // The colour scheme took effect: a dark page has a dark background, a light one a light one.
            const { css, luminance } = await bodyBackgroundLuminance(page);
            if (colorScheme === "dark") expect(luminance, css).toBeLessThan(0.1);
            else expect(luminance, css).toBeGreaterThan(0.8);

            await page.screenshot({
              path: path.join(SCREENSHOTS, `${p.name}-${viewport.name}-${viewport.width}x${viewport.height}-${colorScheme}.png`),
              fullPage: true,
            });
          });
        }
      }
    });
  }
});
