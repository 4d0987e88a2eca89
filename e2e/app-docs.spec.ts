// An app's page shows its doc page (README.md in the app's folder, rendered as markdown with the
// console's markdown renderer) above its actions, parameters and outputs.
import { expect, test } from "@playwright/test";
import { cli, signIn, unique } from "./helpers";

const analyst = unique("doc-ana");
const password = "e2e-password-123";

test.beforeAll(async () => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
});

test("an app's page renders its documentation and lists its actions with parameters and outputs", async ({ page }) => {
  await signIn(page, analyst, password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Apps & Assets" }).click();
  await page.getByRole("table", { name: "Apps" }).getByRole("link", { name: "VirusTotal v3", exact: true }).click();
  const doc = page.getByRole("region", { name: "Documentation" });
  await expect(doc.getByRole("heading", { name: "VirusTotal v3" })).toBeVisible();
  // Markdown tables, code spans and links render as elements, not as markdown source.
  await expect(doc.getByRole("table").getByRole("cell", { name: "detonate url", exact: true })).toBeVisible();
  await expect(doc.getByRole("link", { name: "VirusTotal API v3" })).toHaveAttribute("href", "https://docs.virustotal.com/reference/overview");
  await expect(doc).not.toContainText("| action |");
  await expect(page.getByRole("table", { name: "Parameters of detonate url" })).toContainText("url, domain");
  await page.screenshot({ path: "test-results/screenshots/app-doc-virustotal.png", fullPage: true });
});

test("the SSH app's page lists the network actions with their parameters and output data paths", async ({ page }) => {
  await signIn(page, analyst, password);
  await page.goto("/apps");
  await page.getByRole("table", { name: "Apps" }).getByRole("link", { name: "SSH", exact: true }).click();
  const block = page.getByRole("table", { name: "Parameters of block ip" });
  await expect(block).toContainText("remote_ip (primary)");
  await expect(block).toContainText("In, Out");
  await expect(page.getByRole("table", { name: "Parameters of delete firewall rule" })).toContainText("number");
  const connections = page.getByRole("table", { name: "Parameters of list connections" }).locator("xpath=ancestor::section[1]");
  await connections.getByText(/^Output data paths/).click();
  await expect(connections).toContainText("action_result.data.*.connections.*.remote_ip : string [ip]");
  await expect(page.getByRole("region", { name: "Documentation" })).toContainText("recording stand-in for iptables");
});
