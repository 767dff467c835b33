// Signing in to the dashboard the way a browser does (next-auth's CSRF token, then the credentials form),
// and signing out. `headers` are added to every request (e.g. X-Forwarded-For through a trusted proxy).
type THeaders = Record<string, string>;

async function csrf(url: string, headers: THeaders, cookie = ""): Promise<{ csrfToken: string; cookie: string }> {
  const res = await fetch(`${url}/api/auth/csrf`, { headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const set = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return { csrfToken, cookie: [cookie, ...set].filter(Boolean).join("; ") };
}

/** The session cookie ("next-auth.session-token=...") if the password is accepted, else null. */
export async function signIn(url: string, email: string, password: string, headers: THeaders = {}): Promise<string | null> {
  const { csrfToken, cookie } = await csrf(url, headers);
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  return session ? session.split(";")[0]! : null;
}

/** Signs out the session whose cookie is given, as the dashboard's sign-out button does. */
export async function signOut(url: string, sessionCookie: string): Promise<void> {
  const { csrfToken, cookie } = await csrf(url, {}, sessionCookie);
  const res = await fetch(`${url}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  await res.arrayBuffer();
  if (res.status >= 400) throw new Error(`sign-out answered ${res.status}`);
}
