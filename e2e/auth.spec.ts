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
  await page.getByLabel("Expires").selectOption({ label: "In 90 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("secret-once").textContent())!.trim();
  expect(token).toMatch(/^vgl_/);
  await expect(page.locator('tr[data-token-name="e2e token"]')).toContainText(analyst);
  const in90Days = new Date(Date.now() + 90 * 86_400_000).toLocaleDateString("en-GB");
  await expect(page.locator('tr[data-token-name="e2e token"]')).toContainText(in90Days);
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

test("a wrong password shows an error; repeated failures back off, then the right password works", async ({ page, request }) => {
  test.setTimeout(120_000); // scrypt hashes and a back-off of a few seconds
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
  // More failures, over REST Basic (which shares the counters), double the wait each time;
  // push it to a few seconds so the browser's next attempt surely lands inside it.
  const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString("base64")}` });
  let wait = 0;
  for (let i = 0; i < 300 && wait < 3; i++) {
    const res = await request.get("/rest/version", { headers: basic(`wrong-more-${i}`) });
    wait = res.status() === 429 ? Number(res.headers()["retry-after"]) : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(wait).toBeGreaterThanOrEqual(3);
  // Even the right password waits, and the page says for how long.
  await attemptSignIn(page, name, "right-password-1");
  const error = page.getByTestId("sign-in-error");
  await expect(error).toContainText(/Too many failed sign-ins\. Try again in \d+ seconds?\./);
  await page.screenshot({ path: "test-results/screenshots/sign-in-back-off.png" });
  const seconds = Number(/in (\d+) second/.exec((await error.textContent()) ?? "")![1]);
  await expect(page).toHaveURL(/\/login$/);
  // A back-off, not a lockout: once it has passed, the right password signs in.
  await page.waitForTimeout(seconds * 1000 + 500);
  await signIn(page, name, "right-password-1");
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
