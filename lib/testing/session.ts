// Signs in over HTTP the way a browser does (next-auth's CSRF token, then the credentials
// callback) and returns the Cookie header that carries the session, for integration tests of
// routes the console calls with its session cookie.
function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function signInCookie(baseUrl: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = cookiesOf(csrf);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; "), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, username, password }).toString(),
  });
  const session = cookiesOf(res).find((c) => /session-token=./.test(c));
  if (!session) throw new Error(`sign-in as ${username} failed: ${res.status} ${res.headers.get("location")}`);
  return session;
}
