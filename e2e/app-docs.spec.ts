// An app's doc page (README.md in its folder) on its console page, above its actions with their
// parameters: the AD LDAP app as an analyst sees it.
import { expect, test } from "@playwright/test";
import { cli, signIn, unique } from "./helpers";

const analyst = unique("docs-ana");
const password = "e2e-password-123";

test.beforeAll(async () => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
});

test("an app's page shows its doc page and its actions' parameters", async ({ page }) => {
  await signIn(page, analyst, password);
  await page.goto("/apps");
  await page.getByRole("table", { name: "Apps" }).getByRole("link", { name: "AD LDAP", exact: true }).click();
  const doc = page.getByRole("region", { name: "About this app" });
  await expect(doc.getByRole("heading", { name: "AD LDAP" })).toBeVisible();
  await expect(doc.getByRole("table")).toContainText("sets / clears bit 0x2 (ACCOUNTDISABLE)");
  await expect(page.getByRole("table", { name: "Parameters of disable account" })).toContainText("use_samaccountname");
  await page.screenshot({ path: "test-results/screenshots/app-docs-adldap.png", fullPage: true });
});
