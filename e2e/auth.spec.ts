import { expect, test } from "@playwright/test";
import { adminPassword, attemptSignIn, signIn, signOut, unique } from "./helpers";

test("an administrator creates an analyst and an API token; the analyst cannot administer", async ({ page, browser, request }) => {
  const analyst = unique("ana");
  const analystPassword = "analyst-pass-123";

  await signIn(page, "admin", adminPassword());
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);

  // Remember the create-user server action, to replay it later as the analyst.
  const actionRequest = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByLabel("Username", { exact: true }).fill(analyst);
  await page.getByLabel("Full name").fill("Ana Lyst");
  await page.getByLabel("Role", { exact: true }).selectOption("analyst");
  await page.getByLabel("Password", { exact: true }).fill(analystPassword);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${analyst}`);
  const createUser = await actionRequest;
  await expect(page.locator(`tr[data-username="${analyst}"]`)).toContainText("Ana Lyst");

  await page.getByLabel("User", { exact: true }).selectOption({ label: analyst });
  await page.getByLabel("Token name").fill("e2e token");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("secret-once").textContent())!.trim();
  expect(token).toMatch(/^vgl_/);
  await expect(page.locator('tr[data-token-name="e2e token"]')).toContainText(analyst);
  await page.screenshot({ path: "test-results/screenshots/admin-users.png", fullPage: true });

  const api = await request.get("/rest/version", { headers: { "ph-auth-token": token } });
  expect(api.status()).toBe(200);

  await signOut(page, "admin");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);

  // The analyst: no Administration link, and the page and its server actions answer 403.
  const context = await browser.newContext();
  const analystPage = await context.newPage();
  await signIn(analystPage, analyst, analystPassword);
  await expect(analystPage.getByRole("heading", { name: /Welcome, Ana Lyst/ })).toBeVisible();
  const nav = analystPage.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Events" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Administration" })).toHaveCount(0);
  const adminPage = await analystPage.goto("/admin/users");
  expect(adminPage?.status()).toBe(403);
  await expect(analystPage.getByText("You do not have access to this page")).toBeVisible();

  const escalated = unique("evil");
  const replay = await analystPage.request.post("/admin/users", {
    headers: {
      "next-action": createUser.headers()["next-action"]!,
      "content-type": createUser.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(page.url()).origin,
    },
    data: JSON.stringify([{ username: escalated, name: "", role: "administrator", password: "" }]),
  });
  expect(replay.status()).toBe(403);
  await context.close();

  await signIn(page, "admin", adminPassword());
  await page.goto("/admin/users");
  await expect(page.locator(`tr[data-username="${analyst}"]`)).toBeVisible();
  await expect(page.locator(`tr[data-username="${escalated}"]`)).toHaveCount(0);
});

test("a wrong password shows an error and repeated failures are rate-limited", async ({ page }) => {
  const name = unique("target");
  await signIn(page, "admin", adminPassword());
  await page.goto("/admin/users");
  await page.getByLabel("Username", { exact: true }).fill(name);
  await page.getByLabel("Password", { exact: true }).fill("right-password-1");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${name}`);
  await signOut(page, "admin");

  for (let i = 0; i < 5; i++) {
    await attemptSignIn(page, name, `wrong-${i}`);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong username or password.");
  }
  await page.screenshot({ path: "test-results/screenshots/sign-in-error.png" });
  // Even the right password is refused while the account is locked out.
  await attemptSignIn(page, name, "right-password-1");
  await expect(page.getByTestId("sign-in-error")).toContainText("Too many failed sign-ins");
  await expect(page).toHaveURL(/\/login$/);
});

test("a disabled user's session ends at once", async ({ page, browser }) => {
  const name = unique("leaver");
  await signIn(page, "admin", adminPassword());
  await page.goto("/admin/users");
  await page.getByLabel("Username", { exact: true }).fill(name);
  await page.getByLabel("Role", { exact: true }).selectOption("observer");
  await page.getByLabel("Password", { exact: true }).fill("leaver-pass-1");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator(`tr[data-username="${name}"]`)).toBeVisible();

  const context = await browser.newContext();
  const leaver = await context.newPage();
  await signIn(leaver, name, "leaver-pass-1");
  await expect(leaver.getByRole("heading", { name: /Welcome/ })).toBeVisible();

  await page.locator(`tr[data-username="${name}"]`).getByRole("button", { name: "Disable" }).click();
  await page.getByRole("alertdialog", { name: `Disable ${name}?` }).getByRole("button", { name: "Disable user" }).click();
  await expect(page.locator(`tr[data-username="${name}"]`)).toContainText("Disabled");
  await leaver.goto("/events");
  await expect(leaver).toHaveURL(/\/login$/);
  await context.close();
});
