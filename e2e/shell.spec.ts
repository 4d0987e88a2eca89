import { expect, test } from "@playwright/test";
import { adminPassword, signIn } from "./helpers";

test("the console shell: every section, dark theme, tablet width", async ({ page }) => {
  await signIn(page, "admin", adminPassword());
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const section of ["Home", "Events", "Cases", "Playbooks", "Apps & Assets", "Approvals", "Workbooks", "Indicators", "Administration"]) {
    await expect(nav.getByRole("link", { name: section })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Playbooks" }).click();
  await expect(page.getByRole("heading", { name: "Playbooks" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Playbooks" })).toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: "test-results/screenshots/shell-light.png" });

  await page.getByRole("button", { name: "User menu for admin" }).click();
  await page.getByRole("menuitem", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: "test-results/screenshots/shell-dark.png" });

  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto("/");
  await expect(nav.getByRole("link", { name: "Events" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screenshots/shell-tablet.png" });

  await page.getByRole("button", { name: "User menu for admin" }).click();
  await page.getByRole("menuitem", { name: "Light theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});
