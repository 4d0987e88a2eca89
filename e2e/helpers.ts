import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { runVigil } from "../lib/testing/cli";

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

/** A toast (sonner) holding `text`: how the console reports the result of an action. */
export const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });

export const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

/** Runs the `vigil` command against the e2e server's data directory; throws unless it exits 0. */
export async function cli(args: string[]): Promise<string> {
  const r = await runVigil(args, { VIGIL_DATA_DIR: process.env.VIGIL_E2E_DATA_DIR!, DATABASE_URL: "" });
  if (r.code !== 0) throw new Error(`vigil ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** Creates a container through the REST API, as an integration would, and returns its id. */
export async function createEvent(request: APIRequestContext, token: string, body: Record<string, unknown>): Promise<number> {
  const res = await request.post("/rest/container", { headers: { "ph-auth-token": token }, data: body });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: number }).id;
}
