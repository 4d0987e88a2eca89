// What users expect of a console beyond its features: destructive actions ask first in an
// accessible dialog, results show as toasts, menus work from the keyboard, times show in the
// user's own time zone, and a password change signs out the user's other sessions.
import { expect, test, type Page } from "@playwright/test";
import { formatTime, zoneLabel } from "../lib/time";
import { adminPassword, attemptSignIn, cli, createEvent, signIn, toast, unique } from "./helpers";

const shots = "test-results/screenshots";
const password = "e2e-password-123";

async function newAnalyst(): Promise<{ name: string; token: string }> {
  const name = unique("conv");
  await cli(["user", "create", "--name", name, "--role", "analyst", "--password", password]);
  const token = (await cli(["token", "create", "--user", name, "--label", unique("tok")])).trim().split("\n").pop()!.trim();
  return { name, token };
}

const focusIsInside = (page: Page, role: string) =>
  page.evaluate((r) => !!document.activeElement?.closest(`[role="${r}"]`), role);

test("revoking a token asks first in an alert dialog, and the result shows as a toast", async ({ page, request }) => {
  const { name: owner } = await newAnalyst();
  const label = unique("SIEM forwarder");
  const token = (await cli(["token", "create", "--user", owner, "--label", label])).trim().split("\n").pop()!.trim();
  const works = async () => (await request.get("/rest/version", { headers: { "ph-auth-token": token } })).status();
  expect(await works()).toBe(200);

  await signIn(page, "admin", adminPassword());
  await page.goto("/admin/users");
  const row = page.locator(`tr[data-token-name="${label}"]`);
  const revoke = row.getByRole("button", { name: "Revoke" });
  await revoke.click();

  const dialog = page.getByRole("alertdialog", { name: `Revoke token ${label}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("stop working at once");
  // Focus starts on Cancel (a stray Enter destroys nothing) and Tab cannot leave the dialog.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    expect(await focusIsInside(page, "alertdialog")).toBe(true);
  }
  await page.screenshot({ path: `${shots}/confirm-dialog-light.png`, animations: "disabled" });

  // Escape backs out: nothing changed, and focus is back on the button that opened the dialog.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(revoke).toBeFocused();
  await expect(row).not.toContainText("Revoked");
  expect(await works()).toBe(200);

  // Again in the dark theme, and this time confirmed.
  await page.getByRole("button", { name: "User menu for admin" }).click();
  await page.getByRole("menuitem", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await revoke.click();
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${shots}/confirm-dialog-dark.png`, animations: "disabled" });
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(toast(page, `Token ${label} revoked`)).toBeVisible();
  await expect(row).toContainText("Revoked");
  await page.screenshot({ path: `${shots}/toast-dark.png`, animations: "disabled" });
  expect(await works()).toBe(401);
});

test("menus work from the keyboard alone", async ({ page, request }) => {
  const { name, token } = await newAnalyst();
  const value = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const id = await createEvent(request, token, { name: `Keyboard ${name}`, artifacts: [{ name: "net", cef: { sourceAddress: value } }] });
  await signIn(page, name, password);

  // The user menu: Enter opens it on its first item, ArrowDown moves, Enter selects, focus returns.
  const trigger = page.getByRole("button", { name: `User menu for ${name}` });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Account settings" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Dark theme" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(menu).toHaveCount(0);
  await expect(trigger).toBeFocused();
  // Escape closes it again without choosing anything.
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: "Account settings" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(trigger).toBeFocused();
  await expect(page.locator("html")).toHaveClass(/dark/);

  // A CEF value's menu on the investigation page: down to "Search for this value" and go.
  await page.goto(`/events/${id}`);
  const valueButton = page.getByRole("button", { name: value });
  await valueButton.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu", { name: `Actions for ${value}` }).getByRole("menuitem", { name: "Copy" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${value.replaceAll(".", "\\.")}`));
});

test("times show in the user's time zone, labelled", async ({ page, request }) => {
  const { name, token } = await newAnalyst();
  const tag = unique("tz");
  const id = await createEvent(request, token, { name: `Zone check ${tag}`, tags: [tag] });
  const created = ((await (await request.get(`/rest/container/${id}`, { headers: { "ph-auth-token": token } })).json()) as { create_time: string }).create_time;

  // Server and browser must format alike, or React re-renders the page and says so.
  const mismatches: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" && /hydrat|did not match|error #4(18|23|25)/i.test(m.text())) mismatches.push(m.text()); });
  await signIn(page, name, password);
  const table = page.getByRole("table", { name: "Events" });
  const createdCell = (p: Page) => p.locator(`tr[data-event-id="${id}"] td`).nth(3);
  await page.goto(`/events?tags=${tag}`);
  await expect(table.getByRole("columnheader", { name: /Created/ })).toContainText("(UTC)");
  await expect(createdCell(page)).toHaveText(formatTime(created, "UTC", { bare: true }));

  // Choose Tokyo on the account page, reached from the user menu.
  await page.getByRole("button", { name: `User menu for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Account settings" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("UTC");
  await page.getByRole("combobox", { name: "Time zone" }).selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(toast(page, "Times now show in Asia/Tokyo")).toBeVisible();
  await page.screenshot({ path: `${shots}/account-light.png`, fullPage: true, animations: "disabled" });
  await page.getByRole("button", { name: `User menu for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("Asia/Tokyo");
  await page.screenshot({ path: `${shots}/account-dark.png`, fullPage: true, animations: "disabled" });

  // The queue: the header names the zone and the cell moved nine hours.
  const tokyo = zoneLabel("Asia/Tokyo", created);
  await page.goto(`/events?tags=${tag}`);
  await expect(table.getByRole("columnheader", { name: /Created/ })).toContainText(`(${tokyo})`);
  await expect(createdCell(page)).toHaveText(formatTime(created, "Asia/Tokyo", { bare: true }));

  // The investigation page: its created time and the activity timeline carry the label.
  await page.goto(`/events/${id}`);
  await expect(page.getByText(`created ${formatTime(created, "Asia/Tokyo")}`)).toBeVisible();
  await expect(page.locator("time").filter({ hasText: tokyo }).first()).toBeVisible();
  expect(mismatches).toEqual([]);

  // A zone that is not in the list is refused by the server, whatever the browser sends.
  await page.goto("/account");
  await page.getByRole("combobox", { name: "Time zone" }).evaluate((el: HTMLSelectElement) => {
    el.add(new Option("Mars/Olympus", "Mars/Olympus"));
  });
  await page.getByRole("combobox", { name: "Time zone" }).selectOption("Mars/Olympus");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(toast(page, /choose a time zone/)).toBeVisible();
});

test("changing one's password signs out the other sessions; an administrator's reset signs out all", async ({ page, browser }) => {
  // Nine password hashes at scrypt's 2^17 (sign-ins, the change, the reset): over a minute on a busy machine.
  test.slow();
  const { name } = await newAnalyst();
  await signIn(page, name, password);
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signIn(other, name, password);

  await page.goto("/account");
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("changed-pass-456");
  await page.getByLabel("New password again").fill("changed-pass-456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "current password is not right" })).toBeVisible();
  await other.goto("/events");
  await expect(other).toHaveURL(/\/events$/);

  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password", { exact: true }).fill("changed-pass-456");
  await page.getByLabel("New password again").fill("changed-pass-456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(toast(page, "Password changed; 1 other session signed out")).toBeVisible();
  await other.goto("/events");
  await expect(other).toHaveURL(/\/login$/);
  await page.goto("/events");
  await expect(page).toHaveURL(/\/events$/);
  await attemptSignIn(other, name, password);
  await expect(other).toHaveURL(/\/login$/);
  await signIn(other, name, "changed-pass-456");

  // The administrator resets it to a generated password, shown once; both sessions end.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin", adminPassword());
  await admin.goto("/admin/users");
  await admin.locator(`tr[data-username="${name}"]`).getByRole("button", { name: "Reset password" }).click();
  const dialog = admin.getByRole("alertdialog", { name: `Reset the password of ${name}?` });
  await expect(dialog).toContainText("signed out everywhere");
  await dialog.getByRole("button", { name: "Reset password" }).click();
  await expect(toast(admin, `Password of ${name} reset`)).toBeVisible();
  const generated = (await admin.getByTestId("secret-once").textContent())!.trim();
  expect(generated.length).toBeGreaterThanOrEqual(20);
  for (const p of [page, other]) {
    await p.goto("/events");
    await expect(p).toHaveURL(/\/login$/);
  }
  await signIn(other, name, generated);
  await admin.reload();
  await expect(admin.getByTestId("secret-once")).toHaveCount(0);
  await elsewhere.close();
  await adminContext.close();
});
