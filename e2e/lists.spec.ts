// An analyst keeps a custom list in the console; an observer can read it and change nothing.
import { expect, test, type Page } from "@playwright/test";
import { cli, signIn, unique } from "./helpers";

const analyst = unique("lists-ana");
const observer = unique("lists-obs");
const password = "e2e-password-123";
const name = unique("Known bad IPs");

test.beforeAll(async () => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  await cli(["user", "create", "--name", observer, "--role", "observer", "--password", password]);
});

async function shoot(page: Page, file: string) {
  await page.screenshot({ path: `test-results/screenshots/${file}.png`, fullPage: true });
}

test("an analyst creates a list, adds and removes rows, and deletes it after confirming", async ({ page }) => {
  await signIn(page, analyst, password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Custom lists" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("This list is empty.")).toBeVisible();

  await page.getByLabel("Column 1").fill("203.0.113.7");
  await page.getByRole("button", { name: "+ column" }).click();
  await page.getByLabel("Column 2").fill("scanner");
  await page.getByRole("button", { name: "Add row" }).click();
  const rows = page.getByRole("region", { name: "Rows" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("203.0.113.7");
  await page.getByLabel("Column 1").fill("198.51.100.9");
  await page.getByRole("button", { name: "Add row" }).click();
  await expect(rows).toHaveCount(2);
  await shoot(page, "list-rows");

  await rows.first().getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Remove row 1?");
  await shoot(page, "list-remove-confirm");
  await dialog.getByRole("button", { name: "Remove row" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("198.51.100.9");

  await page.getByRole("button", { name: "Delete list" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByRole("button", { name: "Delete list" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete list" }).click();
  await expect(page).toHaveURL(/\/lists$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("an observer reads lists without controls to change them", async ({ page, request }) => {
  const listName = unique("VIP users");
  const token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  const created = await request.post("/rest/decided_list", { headers: { "ph-auth-token": token }, data: { name: listName, content: [["alice"], ["bob"]] } });
  expect(created.ok()).toBe(true);
  await signIn(page, observer, password);
  await page.goto("/lists");
  await expect(page.getByRole("button", { name: "Create list" })).toHaveCount(0);
  await page.getByRole("link", { name: listName }).click();
  await expect(page.getByRole("region", { name: "Rows" }).locator("tbody tr")).toHaveCount(2);
  await expect(page.getByRole("button", { name: /Remove|Add row|Delete list/ })).toHaveCount(0);
  await shoot(page, "list-observer");
});
