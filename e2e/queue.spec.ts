// What the events queue offers beyond filtering: saved filters, selection by checkbox and by
// keyboard, the four bulk actions (assign owner, set severity, add to case, close with a reason)
// and the queue and investigation page at tablet width. Events come in through the REST API.
import { expect, test, type Page } from "@playwright/test";
import { cli, createEvent, signIn, toast, unique } from "./helpers";

const shots = "test-results/screenshots";

const analyst = unique("qa");
const password = "e2e-password-123";
const tag = unique("bulk");
const caseName = `Campaign ${tag}`;
let ids: number[] = [];
let caseId = 0;

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  const token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  ids = [];
  for (const name of ["Suspicious login", "Malware beacon", "Data exfiltration", "Brute force"]) {
    ids.push(await createEvent(request, token, {
      name: `${name} ${tag}`, label: "events", severity: "low", tags: [tag],
      artifacts: [{ name: "network", cef: { sourceAddress: "198.51.100.7", destinationAddress: "192.0.2.44", destinationPort: 443 } }],
    }));
  }
  caseId = await createEvent(request, token, { name: caseName, label: "events", severity: "medium", container_type: "case" });
});

const rowOf = (page: Page, id: number) => page.locator(`tr[data-event-id="${id}"]`);
const bulk = (page: Page) => page.getByRole("region", { name: "Bulk actions" });
/** Moves focus off any form control so the queue's keys reach it, then walks to row `index` with k (to the top) and j. */
async function keyTo(page: Page, index: number, rowCount: number) {
  await page.getByRole("heading", { name: "Events", exact: true }).click();
  for (let i = 0; i < rowCount; i++) await page.keyboard.press("k");
  for (let i = 0; i < index; i++) await page.keyboard.press("j");
}

/** The page must not scroll sideways; a wide table may scroll inside its own container. */
async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

test("saved filters, selection by checkbox and keyboard, and every bulk action", async ({ page }) => {
  test.setTimeout(120_000);
  const [a, b, c, d] = ids as [number, number, number, number];
  await signIn(page, analyst, password);
  await page.goto("/events");

  // Filter by tag and type, save it, leave, and come back through the saved list. Choosing the
  // type applies the typed (not yet applied) tag with it.
  await page.getByLabel("Tags", { exact: true }).fill(tag);
  await page.getByLabel("Type", { exact: true }).selectOption("default");
  await expect(page).toHaveURL(new RegExp(`tags=${tag}.*type=default|type=default.*tags=${tag}`));
  const rows = page.getByRole("table", { name: "Events" }).locator("tbody tr");
  await expect(rows).toHaveCount(4);
  const filterName = `My ${tag}`;
  await page.getByLabel("Name of this filter").fill(filterName);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const saved = page.getByRole("list", { name: "Saved filters" }).getByRole("link", { name: filterName });
  await expect(saved).toBeVisible();
  await expect(saved).toHaveClass(/font-semibold/); // the current query is the saved one
  await page.goto("/events");
  await expect(page.getByLabel("Tags", { exact: true })).toHaveValue("");
  await page.getByRole("list", { name: "Saved filters" }).getByRole("link", { name: filterName }).click();
  await expect(page).toHaveURL(new RegExp(`tags=${tag}`));
  await expect(page).toHaveURL(/type=default/);
  await expect(rows).toHaveCount(4);
  await expect(page.getByLabel("Tags", { exact: true })).toHaveValue(tag);
  await expect(page.getByLabel("Type", { exact: true })).toHaveValue("default");

  // Select two rows by checkbox and a third with the keyboard (j moves, x toggles).
  await rowOf(page, a).getByRole("checkbox").check();
  await rowOf(page, b).getByRole("checkbox").check();
  const order = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-event-id"))));
  const cIndex = order.indexOf(c);
  await keyTo(page, cIndex, order.length);
  await expect(rowOf(page, c).getByRole("link")).toBeFocused();
  await page.keyboard.press("x");
  await expect(rowOf(page, c)).toHaveAttribute("aria-selected", "true");
  await expect(bulk(page)).toContainText("3 selected");

  // Assign owner.
  await bulk(page).getByLabel("Assign owner").selectOption({ label: analyst });
  await expect(toast(page, "Updated 3 events")).toBeVisible();
  await expect(bulk(page)).toHaveCount(0);
  for (const id of [a, b, c]) await expect(rowOf(page, id)).toContainText(analyst);
  await expect(rowOf(page, d)).not.toContainText(analyst);

  // Set severity on everything on the page.
  await page.getByLabel("Select all on this page").check();
  await expect(bulk(page)).toContainText("4 selected");
  await bulk(page).getByLabel("Set severity").selectOption("high");
  await expect(toast(page, "Updated 4 events")).toBeVisible();
  for (const id of ids) await expect(rowOf(page, id).getByTitle("Severity")).toHaveText("high");

  // Add two to the case.
  await rowOf(page, a).getByRole("checkbox").check();
  await rowOf(page, d).getByRole("checkbox").check();
  await bulk(page).getByLabel("Add to case").selectOption({ label: `#${caseId} ${caseName}` });
  await expect(toast(page, "Updated 2 events")).toBeVisible();
  for (const id of [a, d]) await expect(rowOf(page, id)).toContainText(`in case #${caseId}`);
  await expect(rowOf(page, b)).not.toContainText("in case");

  // Close one with a reason; the keyboard x toggles a row off again on the way.
  await rowOf(page, b).getByRole("checkbox").check();
  await rowOf(page, c).getByRole("checkbox").check();
  await keyTo(page, cIndex, order.length);
  await expect(rowOf(page, c).getByRole("link")).toBeFocused();
  await page.keyboard.press("x");
  await expect(rowOf(page, c)).toHaveAttribute("aria-selected", "false");
  await expect(bulk(page)).toContainText("1 selected");
  const reason = `False positive: VPN egress ${tag}`;
  await expect(bulk(page).getByRole("button", { name: "Close" })).toBeDisabled();
  await bulk(page).getByLabel("Reason for closing").fill(reason);
  await bulk(page).getByRole("button", { name: "Close" }).click();
  await page.getByRole("alertdialog", { name: "Close 1 event?" }).getByRole("button", { name: "Close 1 event" }).click();
  await expect(toast(page, "Updated 1 event")).toBeVisible();
  await expect(rowOf(page, b).getByTitle("Status")).toHaveText("closed");
  await expect(rowOf(page, c).getByTitle("Status")).toHaveText("new");

  // The reason is on the event, and the case holds the two events.
  await rowOf(page, b).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/events/${b}$`));
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("closed");
  await expect(page.getByRole("region", { name: /^Comments/ })).toContainText(`Closed: ${reason}`);
  await page.goto(`/cases/${caseId}`);
  for (const id of [a, d]) await expect(page.locator(`[data-member-id="${id}"]`)).toBeVisible();
  await expect(page.locator(`[data-member-id="${b}"]`)).toHaveCount(0);

  // Deleting the saved filter asks first; Cancel keeps it, confirming removes it.
  await page.goto("/events");
  const remove = page.getByRole("button", { name: `Delete saved filter ${filterName}` });
  await remove.click();
  const dialog = page.getByRole("alertdialog", { name: `Delete saved filter ${filterName}?` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(saved).toBeVisible();
  await remove.click();
  await dialog.getByRole("button", { name: "Delete filter" }).click();
  await expect(toast(page, `Saved filter ${filterName} deleted`)).toBeVisible();
  await expect(saved).toHaveCount(0);
});

test("the queue and an investigation page fit a tablet", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, analyst, password);
  await page.goto(`/events?tags=${tag}`);
  await expect(page.getByRole("table", { name: "Events" }).locator("tbody tr")).toHaveCount(4);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${shots}/queue-tablet.png`, fullPage: true });

  await page.goto(`/events/${ids[0]}`);
  await expect(page.getByRole("table", { name: "Artifacts" })).toContainText("sourceAddress");
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${shots}/investigation-tablet.png`, fullPage: true });

  // Links must read as links in the dark theme too (brand blue, not the body text colour).
  await page.context().addCookies([{ name: "vigil-theme", value: "dark", url: process.env.VIGIL_E2E_URL! }]);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  const colour = (name: string | RegExp) => page.getByRole("link", { name }).first().evaluate((el) => getComputedStyle(el).color);
  expect(await colour(/Brute force/)).not.toBe(await page.locator("body").evaluate((el) => getComputedStyle(el).color));
  await page.screenshot({ path: `${shots}/investigation-tablet-dark.png`, fullPage: true });
});
