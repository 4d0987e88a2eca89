// The Home dashboard, an indicator page and global search, with events fed through the REST API
// as an integration would. Screenshots are kept in test-results/screenshots/ and looked at.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { runVigil } from "../lib/testing/cli";
import { adminPassword, signIn, unique } from "./helpers";

const shots = "test-results/screenshots";

async function automationToken(): Promise<string> {
  const env = { VIGIL_DATA_DIR: process.env.VIGIL_E2E_DATA_DIR!, DATABASE_URL: "" };
  const name = unique("feed");
  const user = await runVigil(["user", "create", "--name", name, "--role", "automation"], env);
  expect(user.code, user.stderr).toBe(0);
  const token = await runVigil(["token", "create", "--user", name], env);
  expect(token.code, token.stderr).toBe(0);
  return token.stdout.trim();
}

async function post(request: APIRequestContext, token: string, path: string, data: unknown): Promise<number> {
  const res = await request.post(path, { headers: { "ph-auth-token": token }, data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return ((await res.json()) as { id: number }).id;
}

async function setTheme(page: Page, dark: boolean) {
  await page.context().addCookies([{ name: "vigil-theme", value: dark ? "dark" : "light", url: process.env.VIGIL_E2E_URL! }]);
  await page.reload();
}

test("the dashboard, an indicator page and search show what the feed sent", async ({ page, request }) => {
  const token = await automationToken();
  const tag = unique("x").slice(2);
  const ip = `10.${77}.${tag.charCodeAt(0) % 250}.${tag.charCodeAt(1) % 250}`;
  const domain = `c2-${tag}.badcdn.test`;
  const mine = `Beacon to ${domain}`;
  const first = await post(request, token, "/rest/container", {
    name: mine, label: "events", severity: "high", owner_id: "admin",
    artifacts: [{ name: "network", cef: { sourceAddress: ip, destinationPort: 443 } },
      { name: "web", cef: { requestURL: `https://${domain}/gate.php`, destinationDnsDomain: domain } }],
  });
  await post(request, token, "/rest/container", {
    name: "Port scan from a lab host", label: "network", severity: "medium",
    artifacts: [{ name: "network", cef: { sourceAddress: ip } }],
  });
  await post(request, token, "/rest/container", { name: "Low noise", label: "events", severity: "low", status: "closed" });
  await post(request, token, "/rest/note", { container_id: first, title: "Triage", content: `Beaconing confirmed by sandbox${tag}.` });

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "admin", adminPassword());
  await expect(page.getByRole("region", { name: "Open events by severity and status" })).toBeVisible();
  const queue = page.getByRole("region", { name: "My queue" });
  await expect(queue.getByRole("link", { name: new RegExp(mine) })).toHaveAttribute("href", `/events/${first}`);
  await expect(page.getByText("Open events", { exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: /Events per day/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });
  await setTheme(page, true);
  await page.screenshot({ path: `${shots}/dashboard-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 820, height: 1100 });
  await page.screenshot({ path: `${shots}/dashboard-tablet-dark.png`, fullPage: true });
  await setTheme(page, false);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.goto(`/indicators?value=${encodeURIComponent(ip)}`);
  await expect(page.getByText("1 matching indicator")).toBeVisible();
  await page.screenshot({ path: `${shots}/indicators-list.png`, fullPage: true });
  await page.getByRole("link", { name: ip, exact: true }).click();
  await expect(page.getByTestId("indicator-value")).toHaveText(ip);
  const sightings = page.getByRole("table");
  await expect(sightings.getByRole("link", { name: new RegExp(mine) })).toHaveAttribute("href", `/events/${first}`);
  await expect(sightings.getByRole("link", { name: /Port scan from a lab host/ })).toBeVisible();
  // Tags a playbook or an integration sets over SOAR's POST /rest/indicator/<id> show on the page.
  await expect(page.getByText("Tags", { exact: true })).toBeVisible();
  await expect(page.getByTestId("indicator-tags")).toHaveCount(0);
  await post(request, token, `/rest/indicator/${new URL(page.url()).pathname.split("/").pop()}`, { tags: ["beacon", "c2"] });
  await page.reload();
  await expect(page.getByTestId("indicator-tags").locator("span")).toHaveText(["beacon", "c2"]);
  await page.screenshot({ path: `${shots}/indicators.png`, fullPage: true });

  await page.getByRole("searchbox", { name: /Search events, artifacts/ }).fill(domain);
  await page.getByRole("searchbox", { name: /Search events, artifacts/ }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  const events = page.getByRole("region", { name: /^Events/ });
  await expect(events.getByRole("link", { name: new RegExp(mine) })).toHaveAttribute("href", `/events/${first}`);
  // The domain itself, and (containing it) the URL's indicator.
  await expect(page.getByRole("region", { name: /^Indicators/ }).getByRole("link", { name: domain, exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Indicators/ }).getByRole("link", { name: `https://${domain}/gate.php` })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Artifacts/ }).getByText(`destinationDnsDomain: ${domain}`)).toBeVisible();
  await page.screenshot({ path: `${shots}/search.png`, fullPage: true });

  await page.goto(`/search?q=${encodeURIComponent(`sandbox${tag}`)}`);
  await expect(page.getByRole("region", { name: /^Notes/ }).getByRole("link", { name: new RegExp(`Triage on #${first}`) })).toBeVisible();
  await setTheme(page, true);
  await page.screenshot({ path: `${shots}/search-dark.png`, fullPage: true });
});
