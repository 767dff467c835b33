// Connecting an OAuth 2 account end to end in Chromium, against a real authorization server
// (oidc-provider and its built-in login and consent pages): the OAuth client saved in the dashboard, a
// setup link's Connect, consent at the provider, the callback, the credential bound, an agent call with
// the token injected; a replayed callback, a forged state and a code sent with another flow's state
// (its PKCE verifier does not match) are refused; deleting the credential revokes its refresh token.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { AUTH_FILE } from "./test-user";
import { CLIENT_ID, CLIENT_SECRET, startTestProvider, type TTestProvider } from "../tests/helpers/oidc-provider";

test.use({ storageState: AUTH_FILE });

let provider: TTestProvider;

test.beforeAll(async ({ baseURL }) => {
  provider = await startTestProvider({ accessTokenTtl: 120, redirectUri: `${baseURL}/api/oauth/callback` });
});
test.afterAll(async () => provider?.close());

async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post("/api/graphql", { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

/**
 * Follows a Connect link over HTTP (the browser context's cookies) through the provider's login and
 * consent forms, and returns the provider's redirect to the callback without following it.
 */
async function walkToCallback(request: APIRequestContext, connectPath: string): Promise<URL> {
  let url = new URL(connectPath, "http://vaultline.invalid");
  let response = await request.get(connectPath, { maxRedirects: 0 });
  for (let hop = 0; hop < 12; hop++) {
    const location = response.headers()["location"];
    if (location) {
      url = new URL(location, response.url());
      if (url.pathname === "/api/oauth/callback") return url;
      response = await request.get(url.toString(), { maxRedirects: 0 });
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at ${response.url()}`);
    const form: Record<string, string> = prompt === "login" ? { prompt, login: "person-1", password: "any" } : { prompt };
    response = await request.post(new URL(action.replace(/&amp;/g, "&"), response.url()).toString(), { form, maxRedirects: 0 });
  }
  throw new Error("the provider never redirected to the callback");
}

/** Signs in at the provider (any login in its development pages) unless its session remains, and consents. */
async function consentAtProvider(page: Page): Promise<void> {
  const login = page.locator('input[name="login"]');
  const consent = page.getByRole("button", { name: "Continue" });
  await expect(login.or(consent)).toBeVisible();
  if (await login.isVisible()) {
    await login.fill("person-1");
    await page.locator('input[name="password"]').fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
  }
  await consent.click();
}

test("Connect through the provider's consent binds the credential; replays, forged states and mismatched PKCE are refused", async ({ page, request }) => {
  test.setTimeout(90_000);
  // The provider's development pages import a web font; this machine has no way out.
  await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
  await graphql(
    request,
    `mutation($tokenUrl: String!, $authorizeUrl: String!, $revocationUrl: String!, $apiUrl: String!) {
      createIntegration(input: { slug: "acme-connect", name: "Acme Connect", authKind: OAUTH2,
        oauth: { grant: AUTHORIZATION_CODE, tokenUrl: $tokenUrl, authorizeUrl: $authorizeUrl, revocationUrl: $revocationUrl, scopes: ["openid", "offline_access"] } }) { slug }
      createTool(input: { slug: "acme-connect-me", name: "Acme profile", integration: "acme-connect", endpoint: { method: GET, url: $apiUrl },
        injection: [{ in: HEADER, name: "Authorization", template: "Bearer {{accessToken}}" }] }) { slug }
    }`,
    { tokenUrl: provider.tokenUrl, authorizeUrl: provider.authorizeUrl, revocationUrl: provider.revocationUrl, apiUrl: provider.apiUrl },
  );
  const { createBudget } = await graphql<{ createBudget: { id: string } }>(request, 'mutation { createBudget(input: { name: "Connected agent" }) { id } }');
  await graphql(request, 'mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "acme-connect-me") { id } }', { b: createBudget.id });
  const { createBudgetKey } = await graphql<{ createBudgetKey: { key: string } }>(request, 'mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key } }', { b: createBudget.id });
  const invoke = () => request.post("/api/v1/tools/acme-connect-me/invoke", { headers: { authorization: `Bearer ${createBudgetKey.key}` }, data: { input: {} } });
  const missing = await invoke();
  expect(missing.status()).toBe(424);
  const { setupUrl } = ((await missing.json()) as { error: { setupUrl: string } }).error;

  // The OAuth client, saved in the dashboard.
  await page.goto("/integrations");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Acme Connect" }) });
  await card.getByLabel("Client ID").fill(CLIENT_ID);
  await card.getByLabel("Client secret").fill(CLIENT_SECRET);
  await card.getByRole("button", { name: "Save OAuth client" }).click();
  await expect(card.getByRole("link", { name: "Connect Acme Connect" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(CLIENT_SECRET);

  // A flow started and abandoned (its state kept), and a second one walked over HTTP through the same
  // login and consent pages up to the provider's redirect, not followed: its code, unused.
  const authorizeRequest = page.waitForRequest((r) => r.url().startsWith(provider.authorizeUrl));
  await page.goto("/api/oauth/connect?integration=acme-connect");
  const firstAuthorize = new URL((await authorizeRequest).url());
  expect(firstAuthorize.searchParams.get("code_challenge_method")).toBe("S256");
  const abandoned = firstAuthorize.searchParams.get("state")!;
  expect(abandoned.length).toBeGreaterThanOrEqual(43);
  const unfollowed = await walkToCallback(page.context().request, "/api/oauth/connect?integration=acme-connect");
  expect(unfollowed.searchParams.get("code")).toBeTruthy();

  // That code delivered with the abandoned flow's state: its PKCE verifier does not match the code's
  // challenge, so the provider refuses the exchange and nothing is created.
  unfollowed.searchParams.set("state", abandoned);
  await page.goto(unfollowed.pathname + unfollowed.search);
  await expect(page.getByRole("alert").filter({ hasText: "refused" })).toContainText("refused the authorization (invalid_grant)");
  expect((await graphql<{ credentials: unknown[] }>(request, '{ credentials(integrationSlug: "acme-connect") { id } }')).credentials).toHaveLength(0);

  const link = new URL(setupUrl);
  // The real flow: consent, callback, bound to the budget of the setup link.
  await page.goto(link.pathname + link.search);
  let callback = "";
  page.on("request", (r) => {
    if (r.url().includes("/api/oauth/callback")) callback = r.url();
  });
  await page.getByRole("link", { name: "Connect Acme Connect" }).click();
  await consentAtProvider(page);
  await expect(page).toHaveURL(new RegExp(`/budgets/${createBudget.id}`));
  const answer = await invoke();
  expect(answer.status()).toBe(200);
  const [accessToken, refreshToken] = provider.issued.slice(-2) as [string, string];
  const text = await answer.text();
  const body = JSON.parse(text) as { status: number; body: { ok: boolean; subject: string; echo: string } };
  expect(body.status).toBe(200);
  expect(body.body.subject).toBe("person-1");
  expect(body.body.echo).toBe("••••••••");
  expect(text).not.toContain(accessToken);

  // The same callback again (a replay), and a state nobody issued: refused.
  await page.goto(callback);
  await expect(page.getByRole("alert").filter({ hasText: "unknown" })).toContainText("unknown, expired or already completed");
  await page.goto("/api/oauth/callback?state=forged-state&code=anything");
  await expect(page.getByRole("alert").filter({ hasText: "unknown" })).toContainText("unknown, expired or already completed");

  // No token in the dashboard's HTML.
  const { credentials } = await graphql<{ credentials: { id: string }[] }>(request, '{ credentials(integrationSlug: "acme-connect") { id } }');
  expect(credentials).toHaveLength(1);
  await page.goto(`/credentials/${credentials[0]!.id}`);
  await expect(page.getByText("Connected to Acme Connect.")).toBeVisible();
  const html = await page.content();
  for (const token of provider.issued) expect(html).not.toContain(token);

  // Deleting it revokes the refresh token at the provider.
  expect(await provider.isRefreshTokenActive(refreshToken)).toBe(true);
  await graphql(request, "mutation($id: ID!) { deleteCredential(id: $id) }", { id: credentials[0]!.id });
  expect(await provider.isRefreshTokenActive(refreshToken)).toBe(false);
});
