// The events queue as an analyst works it on day one: the keyboard (?, /, j past the last row),
// ticking rows without the table jumping, Back after an edit showing the edit, the home page's
// links showing the filters they apply, and the queue at tablet width.
import { expect, test, type Page } from "@playwright/test";
import { cli, createEvent, signIn, unique } from "./helpers";

const analyst = unique("keys");
const password = "e2e-password-123";
const tag = unique("keys");
let ids: number[] = [];

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  const token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  ids = [];
  for (const name of ["Beacon", "Phish", "Scan"]) {
    ids.push(await createEvent(request, token, {
      name: `${name} ${tag}`, label: "events", severity: "low", tags: [tag], due_time: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    }));
  }
});

const rows = (page: Page) => page.getByRole("table", { name: "Events" }).locator("tbody tr");
const focusQueue = (page: Page) => page.getByRole("heading", { name: "Events", exact: true }).click();

test("keyboard: ? lists the shortcuts, / focuses search, j past the last row opens the next page", async ({ page }) => {
  await signIn(page, analyst, password);
  await page.goto(`/events?tags=${tag}&limit=2`);
  await expect(rows(page)).toHaveCount(2);
  await focusQueue(page);
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Search events, artifacts, indicators and notes");
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows(page).nth(1).getByRole("link")).toBeFocused();
  await page.keyboard.press("j");
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first().getByRole("link")).toBeFocused();
  await expect(page.getByRole("button", { name: "Previous" })).toBeEnabled();

  await focusQueue(page);
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: /Search events/ })).toBeFocused();
  // Typing in a field never triggers a shortcut.
  await page.keyboard.type("?j");
  await expect(help).toHaveCount(0);
  await expect(page.getByRole("searchbox", { name: /Search events/ })).toHaveValue("?j");

  // The user menu offers the same list, and the REST API reference.
  await page.getByRole("button", { name: `User menu for ${analyst}` }).click();
  await page.getByRole("menuitem", { name: /Keyboard shortcuts/ }).click();
  await expect(help).toBeVisible();
});

test("ticking rows does not move the table; Back after an edit shows the edit; home links show their filters", async ({ page }) => {
  await signIn(page, analyst, password);
  await page.goto(`/events?tags=${tag}`);
  await expect(rows(page)).toHaveCount(3);
  const table = page.getByRole("table", { name: "Events" });
  const before = (await table.boundingBox())!.y;
  await page.locator(`tr[data-event-id="${ids[0]}"]`).getByRole("checkbox").check();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toBeVisible();
  expect((await table.boundingBox())!.y).toBe(before);
  await page.locator(`tr[data-event-id="${ids[0]}"]`).getByRole("checkbox").uncheck();

  // Edit the severity on the event page, then Back: the queue shows the new value at once.
  await page.locator(`tr[data-event-id="${ids[1]}"]`).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/events/${ids[1]}$`));
  await page.getByLabel("Severity", { exact: true }).selectOption("high");
  await expect(page.getByLabel("Severity", { exact: true })).toHaveValue("high");
  await page.waitForTimeout(2_500); // past the queue's 2 s freshness
  await page.goBack();
  await expect(page.locator(`tr[data-event-id="${ids[1]}"]`)).toContainText("high", { timeout: 5_000 });

  // The home page's "Open events" applies new and open: the status filter says so.
  await page.goto("/");
  await page.getByRole("link", { name: /Open events/ }).click();
  await expect(page).toHaveURL(/status=new%2Copen|status=new,open/);
  await expect(page.getByLabel("Status", { exact: true }).locator("option:checked")).toHaveText("new or open");
  await page.goto("/");
  await page.getByRole("link", { name: /open cases?$/ }).click();
  await expect(page).toHaveURL(/\/cases$/);
});

test("at tablet width the queue fits with its Due column, and the icon sidebar names its sections", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, analyst, password);
  await page.goto(`/events?tags=${tag}`);
  await expect(rows(page)).toHaveCount(3);
  const due = page.getByRole("columnheader", { name: "Due" });
  await expect(due).toBeInViewport({ ratio: 1 });
  await expect(page.locator(`tr[data-event-id="${ids[2]}"] td`).last()).toContainText(/in \d h/);
  const { scrollWidth, clientWidth } = await page.getByRole("table", { name: "Events" }).evaluate((t) => ({ scrollWidth: t.parentElement!.scrollWidth, clientWidth: t.parentElement!.clientWidth }));
  expect(scrollWidth, "the queue scrolls sideways at 820 px").toBeLessThanOrEqual(clientWidth);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Events" })).toHaveAttribute("title", "Events");
  await expect(nav.getByRole("link", { name: "Playbooks" })).toHaveAttribute("title", "Playbooks");
});
