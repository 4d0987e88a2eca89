import { expect, type Page } from "@playwright/test";

export const adminPassword = () => process.env.VIGIL_E2E_ADMIN_PASSWORD!;

/** Fills in and submits the sign-in form, without expecting either outcome. */
export async function attemptSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await attemptSignIn(page, username, password);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
}

export async function signOut(page: Page, username: string): Promise<void> {
  await page.getByRole("button", { name: `User menu for ${username}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
