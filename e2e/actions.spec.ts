// Apps, assets and actions in the console: an administrator creates a DNS asset against a real
// DNS server on loopback and an HTTP asset with a token, which is shown only as "set" (and is
// absent from the page's HTML and the REST answer); an analyst runs `lookup domain` on an
// artifact's domain from the investigation page and reads the resolved address in the results.
import type { AddressInfo } from "node:net";
import dns2 from "dns2";
import { expect, test, type Page } from "@playwright/test";
import { cli, createEvent, signIn, toast, unique } from "./helpers";

const { Packet } = dns2;
const admin = unique("act-adm");
const analyst = unique("act-ana");
const password = "e2e-password-123";
const domain = `${unique("c2")}.example.test`;
const address = "192.0.2.44";
const secret = `tok-${unique("s3cret")}-never-shown`;
const dnsAsset = unique("Loopback DNS");
const httpAsset = unique("Intel API");
let server: ReturnType<typeof dns2.createServer>;
let dnsPort = 0;
let adminToken = "";
let eventId = 0;

test.beforeAll(async ({ request }) => {
  server = dns2.createServer({
    udp: true,
    handle: (req, send) => {
      const res = Packet.createResponseFromRequest(req);
      const q = req.questions[0]!;
      if (q.name.toLowerCase() === domain && q.type === Packet.TYPE.A) res.answers.push({ name: q.name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 60, address } as never);
      void send(res);
    },
  });
  dnsPort = ((await server.listen({ udp: { port: 0, address: "127.0.0.1" } })).udp as AddressInfo).port;
  await cli(["user", "create", "--name", admin, "--role", "administrator", "--password", password]);
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  adminToken = (await cli(["token", "create", "--user", admin, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  eventId = await createEvent(request, adminToken, { name: `Beaconing ${domain}`, label: "network", artifacts: [{ name: "dns query", cef: { destinationDnsDomain: domain } }] });
});
test.afterAll(async () => server?.close());

/** Light and dark screenshots; the theme class is set directly so an open dialog stays open. */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: `test-results/screenshots/${name}-dark.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

test("an administrator creates a DNS asset that tests its connectivity, and an HTTP asset whose token shows only as set", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signIn(page, admin, password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Apps & Assets" }).click();
  const apps = page.getByRole("table", { name: "Apps" });
  await expect(apps.getByRole("link", { name: "DNS", exact: true })).toBeVisible();
  // Disabling asks first; enabling does not.
  const whois = apps.getByRole("row").filter({ has: page.getByRole("link", { name: "WHOIS", exact: true }) });
  await whois.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable app" }).click();
  await expect(whois).toContainText("Disabled");
  await whois.getByRole("button", { name: "Enable" }).click();
  await expect(whois).toContainText("Enabled");
  await apps.getByRole("link", { name: "DNS", exact: true }).click();
  await expect(page.getByRole("table", { name: "Parameters of lookup domain" })).toContainText("host name, domain");

  await page.getByRole("link", { name: "New asset" }).click();
  await page.getByLabel("Name", { exact: true }).fill(dnsAsset);
  await page.getByLabel("dns server").fill("127.0.0.1");
  await page.getByLabel("dns port").fill(String(dnsPort));
  await page.getByLabel("host name").fill(domain);
  await page.getByRole("button", { name: "Create asset" }).click();
  await expect(page.getByRole("heading", { name: dnsAsset })).toBeVisible();
  await page.getByRole("button", { name: "Test connectivity" }).click();
  await expect(page.getByTestId("connectivity-result")).toContainText("success", { timeout: 20_000 });
  await shoot(page, "asset-dns");

  // HTTP: a required field left empty is refused in words and what was typed stays.
  await page.goto("/apps/assets");
  await page.getByRole("link", { name: "HTTP", exact: true }).first().click();
  await page.getByLabel("Name", { exact: true }).fill(httpAsset);
  await page.getByLabel("auth token", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "Create asset" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "base_url" })).toContainText("configuration.base_url: required by the HTTP app");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(httpAsset);
  await page.getByLabel("base url (required)").fill("http://127.0.0.1:9/");
  await page.getByRole("button", { name: "Create asset" }).click();
  await expect(page.getByRole("heading", { name: httpAsset })).toBeVisible();
  await expect(page.getByTestId("secret-auth_token")).toHaveText("set");
  await expect(page.getByTestId("secret-password")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  const rest = await request.get(`/rest/asset/${id}`, { headers: { "ph-auth-token": adminToken } });
  const text = await rest.text();
  expect(JSON.parse(text).configuration.auth_token).toBe("set");
  expect(text).not.toContain(secret);
  await shoot(page, "asset-http-secret-set");

  // Clear removes it; the form then offers a fresh input.
  await page.getByRole("button", { name: "Clear auth_token" }).click();
  await page.getByRole("button", { name: "Save asset" }).click();
  await expect(toast(page, `Asset ${httpAsset} saved`)).toBeVisible();
  await expect(page.getByTestId("secret-auth_token")).toHaveCount(0);
  expect(JSON.parse(await (await request.get(`/rest/asset/${id}`, { headers: { "ph-auth-token": adminToken } })).text()).configuration.auth_token).toBeNull();
});

test("an analyst runs lookup domain on an artifact's domain and reads the resolved address", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, analyst, password);
  await page.goto(`/events/${eventId}`);
  await page.getByRole("button", { name: domain, exact: true }).click();
  await page.getByRole("menuitem", { name: /lookup domain \(DNS\)/ }).click();
  const dialog = page.getByRole("dialog", { name: "Run action" });
  await expect(dialog.getByLabel("domain (required)")).toHaveValue(domain);
  await expect(dialog.getByLabel(dnsAsset)).toBeChecked();
  // Only the asset made for this test: others from earlier runs may point at dead resolvers.
  for (const box of await dialog.getByRole("checkbox").all()) if ((await box.isChecked()) && !(await box.evaluate((b) => b.parentElement?.textContent ?? "")).includes(dnsAsset)) await box.uncheck();
  await shoot(page, "run-dialog");
  await dialog.getByRole("button", { name: "Run" }).click();
  await expect(toast(page, "lookup domain started")).toBeVisible();
  const runs = page.getByRole("region", { name: /Action runs/ });
  const result = runs.getByRole("table", { name: `Result of ${dnsAsset}` });
  await expect(result).toContainText(address, { timeout: 30_000 });
  await expect(runs.getByRole("listitem").first()).toHaveAttribute("data-status", "success");
  await shoot(page, "action-results");
  await runs.getByRole("button", { name: "JSON view" }).first().click();
  await expect(runs.locator("pre").first()).toContainText(`"${address}"`);
});
