// Administration as an administrator meets it on day one: a refused form keeps what was typed,
// making someone an administrator asks first, a new token shows where the administrator looks
// (with a copy button), tokens of disabled users say so, names with bidi controls show as
// stored, and the REST API reference is one click away with this instance's own address.
import { expect, test } from "@playwright/test";
import { adminPassword, cli, signIn, toast, unique } from "./helpers";

test("forms keep typed values when refused; promotion to administrator is confirmed; tokens of disabled users are marked", async ({ page }) => {
  const user = unique("adm");
  await cli(["user", "create", "--name", user, "--role", "analyst", "--password", "e2e-password-123"]);
  await signIn(page, "admin", adminPassword());
  await page.goto("/admin/users");

  // A password too short: refused, and every field still holds what was typed.
  const fresh = unique("new");
  await page.getByLabel("Username", { exact: true }).fill(fresh);
  await page.getByLabel("Full name").fill("Mallory \u202Egnp.exe");
  await page.getByLabel("Role", { exact: true }).selectOption("manager");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /password/i })).toBeVisible();
  await expect(page.getByLabel("Username", { exact: true })).toHaveValue(fresh);
  await expect(page.getByLabel("Full name")).toHaveValue("Mallory \u202Egnp.exe");
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("manager");
  // Fixed and sent again: created, the form cleared, the name shown in stored order.
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created ${fresh}` })).toBeVisible();
  await expect(page.getByLabel("Username", { exact: true })).toHaveValue("");
  await expect(page.locator(`tr[data-username="${fresh}"] td`).nth(1)).toHaveText("Mallory ⟨U+202E⟩gnp.exe");

  // To administrator: asked first; Cancel keeps the role, confirming changes it.
  const role = page.getByLabel(`Role of ${user}`);
  await role.selectOption("administrator");
  const dialog = page.getByRole("alertdialog", { name: `Make ${user} an administrator?` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(role).toHaveValue("analyst");
  await role.selectOption("administrator");
  await dialog.getByRole("button", { name: "Make administrator" }).click();
  await expect(toast(page, `${user} is now Administrator`)).toBeVisible();
  await expect(role).toHaveValue("administrator");
  // Other roles change at once, as before.
  await role.selectOption("analyst");
  await expect(toast(page, `${user} is now Analyst`)).toBeVisible();

  // A new token: scrolled into view with its copy button, even from the bottom of a long page.
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.getByLabel("User", { exact: true }).selectOption({ label: user });
  await page.getByLabel("Token name").fill("forwarder");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByTestId("secret-once");
  await expect(secret).toBeInViewport();
  await expect(page.getByRole("button", { name: "Copy" })).toBeInViewport();

  // Disable the user: their token's row says so.
  await page.locator(`tr[data-username="${user}"]`).getByRole("button", { name: "Disable" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable user" }).click();
  await expect(page.locator('tr[data-token-name="forwarder"]')).toContainText("user disabled");
});

test("the REST API reference: from the user menu, with this instance's address and an index of its endpoints", async ({ page }) => {
  await signIn(page, "admin", adminPassword());
  await page.getByRole("button", { name: "User menu for admin" }).click();
  await page.getByRole("menuitem", { name: "REST API reference" }).click();
  await expect(page).toHaveURL(/\/api-docs$/);
  const origin = new URL(page.url()).origin;
  await expect(page.locator("pre").first()).toContainText(`${origin}/rest/container`);
  await expect(page.locator("pre").first()).not.toContainText("vigil.example");
  const index = page.getByRole("navigation", { name: "Endpoints" });
  await expect(index.getByRole("heading")).toHaveText(/^\d+ endpoints$/);
  await index.getByRole("link", { name: "/rest/container", exact: true }).click();
  await expect(page).toHaveURL(/#api-container$/);
  await expect(page.getByRole("heading", { name: "/rest/container", exact: true })).toBeInViewport();
});
