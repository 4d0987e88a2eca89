// The console under its Content-Security-Policy: every main page loads with no violation
// reported (by the browser console or a securitypolicyviolation event), hydrates and stays
// interactive, and live updates (SSE under connect-src 'self') still arrive.
import { expect, test, type Page } from "@playwright/test";
import { adminPassword, cli, createEvent, signIn, unique } from "./helpers";

const tag = unique("csp");
let token = "";
let eventId = 0;

test.beforeAll(async ({ request }) => {
  const feed = unique("feed");
  await cli(["user", "create", "--name", feed, "--role", "automation"]);
  token = (await cli(["token", "create", "--user", feed])).trim().split("\n").pop()!.trim();
  eventId = await createEvent(request, token, {
    name: `CSP check ${tag}`, label: "events", severity: "high", tags: [tag],
    artifacts: [{ name: "network", cef: { sourceAddress: "198.51.100.23", requestURL: "https://bad.example/csp" } }],
  });
});

/** Collects CSP violations from both places the browser reports them, for every page loaded. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => violations.push(`page error: ${err.message}`));
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  return violations;
}

test("the console works under its Content-Security-Policy", async ({ page, request }) => {
  test.setTimeout(120_000);
  const violations = await watchCsp(page);
  await signIn(page, "admin", adminPassword());

  // Hydrated: the user menu opens on click (a client component).
  await page.getByRole("button", { name: "User menu for admin" }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");

  const visits: [string, RegExp | string][] = [
    ["/", /Welcome/],
    ["/events", "Events"],
    [`/events/${eventId}`, `CSP check ${tag}`],
    ["/cases", "Cases"],
    ["/indicators", "Indicators"],
    [`/search?q=${tag}`, "Search"],
    ["/admin", "Users"],
  ];
  for (const [path, heading] of visits) {
    const res = await page.goto(path);
    expect(res!.headers()["content-security-policy"], path).toContain("'strict-dynamic'");
    await expect(page.getByRole("heading", { name: heading, exact: typeof heading === "string" }).first(), path).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(violations, `after ${path}`).toEqual([]);
  }

  // The queue's client-side filter and the live stream work.
  await page.goto("/events");
  const rows = page.getByRole("table", { name: "Events" }).locator("tbody tr");
  // On a busy machine the first click can land before the queue has hydrated; try again then.
  await expect(async () => {
    await page.getByLabel("Filter by name or id", { exact: true }).fill(tag);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(rows).toHaveCount(1, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  const live = await createEvent(request, token, { name: `Live under CSP ${tag}`, severity: "low", tags: [tag] });
  await expect(page.locator(`tr[data-event-id="${live}"]`)).toBeVisible({ timeout: 15_000 });

  await page.goto(`/events/${eventId}`);
  await expect(page.getByRole("heading", { name: `CSP check ${tag}` })).toBeVisible();
  // A server action (a note, rendered as Markdown) under the policy.
  await page.getByPlaceholder("Title").fill(`Checked under CSP ${tag}`);
  await page.getByPlaceholder(/What did you find/).fill("**bold** and `code`");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText(`Checked under CSP ${tag}`, { exact: true })).toBeVisible();
  await expect(page.locator("strong", { hasText: "bold" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: "test-results/screenshots/csp-investigation.png", fullPage: true });
  expect(violations).toEqual([]);

  // The watch is real: something the policy forbids is reported.
  await page.evaluate(() => document.body.append(Object.assign(new Image(), { src: "http://203.0.113.1/pixel.png" })));
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join("\n")).toContain("img-src");
});
