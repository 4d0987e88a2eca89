// Screenshots of the pages people live in (queue, event, case, cases list, administration) in
// light, dark and at tablet width, for looking at; plus what a look at them checks: nothing
// scrolls sideways, the value menu opens whole on the last CEF row, and an observer's disabled
// controls look disabled in light mode.
import { expect, test, type Page } from "@playwright/test";
import { adminPassword, cli, createEvent, signIn, unique } from "./helpers";

const shots = "test-results/screenshots";
const tag = unique("shot");
const observer = unique("obs");
const password = "e2e-password-123";
let eventId = 0;
let caseId = 0;

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", observer, "--role", "observer", "--password", password]);
  const analyst = unique("shoot");
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  const token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  const soon = new Date(Date.now() + 5 * 3_600_000).toISOString();
  eventId = await createEvent(request, token, {
    name: `Credential phishing against finance with a long subject line ${tag}`, label: "events", severity: "high", tags: [tag, "phishing"], due_time: soon,
    artifacts: [{
      name: "email", cef: {
        fromAddress: "billing@paypa1.example", requestURL: "https://paypa1.example/account/verify/session?token=6f1c2a9e8b7d4c3f2a1e0d9c8b7a6f5e4d3c2b1a",
        fileHashSha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", destinationAddress: "192.0.2.44",
      },
    }],
  });
  for (const n of ["Beacon to rare domain", "Impossible travel", "Mailbox rule created"]) {
    await createEvent(request, token, { name: `${n} ${tag}`, label: "events", severity: "medium", tags: [tag], due_time: soon });
  }
  caseId = await createEvent(request, token, { name: `Finance phishing campaign ${tag}`, label: "events", severity: "high", container_type: "case", due_time: soon });
});

async function expectFits(page: Page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

async function shootAll(page: Page, suffix: string) {
  for (const [name, path] of [["queue", `/events?tags=${tag}`], ["event", `/events/${eventId}`], ["case", `/cases/${caseId}`], ["cases", "/cases"], ["admin", "/admin/users"]] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectFits(page);
    await page.screenshot({ path: `${shots}/day-one-${name}-${suffix}.png`, fullPage: true });
  }
}

test("queue, event, case, cases list and administration in light, dark and at tablet width", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin", adminPassword());
  await shootAll(page, "light");

  // The value menu of the last CEF row opens in a layer above the card, whole and clickable.
  await page.goto(`/events/${eventId}`);
  await page.getByRole("button", { name: "192.0.2.44" }).click();
  const menu = page.getByRole("menu", { name: "Actions for 192.0.2.44" });
  // Its last item (the actions for the value's type, or "No actions for ip") is wholly on screen.
  await expect(menu.getByRole("menuitem").last()).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: `${shots}/day-one-value-menu.png` });
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "User menu for admin" }).click();
  await page.getByRole("menuitem", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await shootAll(page, "dark");
  await page.setViewportSize({ width: 820, height: 1180 });
  await shootAll(page, "tablet-dark");
  await page.getByRole("button", { name: "User menu for admin" }).click();
  await page.getByRole("menuitem", { name: "Light theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await shootAll(page, "tablet");
});

test("an observer's home does not invite picking up events, and disabled controls look disabled in light mode", async ({ page }) => {
  await signIn(page, observer, password);
  await expect(page.getByRole("link", { name: /Pick up/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Browse the events queue" })).toBeVisible();
  await page.goto(`/events/${eventId}`);
  const status = page.getByLabel("Status", { exact: true });
  await expect(status).toBeDisabled();
  const look = (el: Element) => getComputedStyle(el).backgroundColor;
  // Enabled fields are white in light mode; a disabled one is greyed.
  expect(await status.evaluate(look)).not.toBe("rgb(255, 255, 255)");
  expect(await status.evaluate((el) => getComputedStyle(el).cursor)).toBe("not-allowed");
  await page.screenshot({ path: `${shots}/day-one-observer-event.png` });
});
