// Signs in once through next-auth's API (CSRF token, then the credentials callback) and saves the
// session cookie for the specs that need one. The sign-in form itself is tested in sign-in.spec.ts.
import { expect, test as setup } from "@playwright/test";
import { AUTH_FILE, TEST_USER } from "./test-user";

setup("sign in and save the session", async ({ page }) => {
  const csrf = await page.request.get("/api/auth/csrf");
  expect(csrf.ok()).toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: TEST_USER.email, password: TEST_USER.password, json: "true" },
  });
  expect(response.ok()).toBe(true);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await expect(page.getByRole("banner").getByText(TEST_USER.email)).toBeVisible();
  await page.context().storageState({ path: AUTH_FILE });
});
