// The visual playbook editor, with the mouse: drag an action, a filter and a note block from the
// palette, connect them, choose the action, its asset and a datapath from the picker, see the
// missing parameter reported and fix it, save, activate, debug-run it on a container, watch every
// block turn green, read the note block's inputs in the debugger, and find the note on the event.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { attemptSignIn, cli, createEvent, unique } from "./helpers";

const admin = unique("pb-adm");
const password = "e2e-password-123";
const label = unique("pbe").replace(/-/g, "_");
const asset = unique("geo");
const name = unique("geo-note");
let eventId = 0;

test.use({ viewport: { width: 1680, height: 1000 } });

async function signIn(page: Page, username: string, pw: string) {
  await attemptSignIn(page, username, pw);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible({ timeout: 60_000 });
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  await cli(["user", "create", "--name", admin, "--role", "administrator", "--password", password]);
  const token = (await cli(["token", "create", "--user", admin, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  // The built-in Geolocation app answers from its shipped offline database: no server needed.
  const res = await request.post("/rest/asset", { headers: { "ph-auth-token": token }, data: { name: asset, app_id: "5a91e6d4-0c37-4b8f-a2e5-7d1c3f6b9e20", configuration: {} } });
  expect(res.status(), await res.text()).toBe(200);
  eventId = await createEvent(request, token, { name: `Login from abroad ${label}`, label, artifacts: [{ name: "login", cef: { sourceAddress: "8.8.8.8" } }] });
});

/** Drags from one point to another in small steps, as a hand would (ReactFlow needs the moves). */
async function drag(page: Page, from: Locator, to: Locator) {
  // Trial hovers wait until both ends stand still (after a layout or a zoom to fit).
  await from.hover({ trial: true });
  await to.hover({ trial: true });
  const a = (await from.boundingBox())!, b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(a.x + a.width / 2 + ((b.x - a.x + (b.width - a.width) / 2) * i) / 10, a.y + a.height / 2 + ((b.y - a.y + (b.height - a.height) / 2) * i) / 10);
  await page.mouse.up();
}

const block = (page: Page, blockName: string) => page.getByTestId(`block-${blockName}`);
const out = (page: Page, blockName: string) => block(page, blockName).locator(".react-flow__handle.source").first();
const into = (page: Page, blockName: string) => block(page, blockName).locator(".react-flow__handle.target");

async function pick(page: Page, field: string, option: string) {
  await page.getByRole("button", { name: `Pick a datapath for ${field}`, exact: true }).click();
  await page.getByRole("listbox", { name: `Datapaths for ${field}` }).getByRole("option", { name: option, exact: true }).click();
}

test("builds a playbook with the mouse, validates, saves, activates and debugs it to a note on the event", async ({ page }) => {
  test.setTimeout(420_000);
  await signIn(page, admin, password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playbooks" }).click();
  await page.getByRole("link", { name: "New playbook" }).click();
  const settings = page.getByRole("group", { name: "Playbook settings" });
  await settings.getByLabel("Name", { exact: true }).fill(name);
  await settings.getByLabel(/Labels it runs on/).fill(label);

  const canvas = page.getByLabel("Playbook canvas");
  const palette = page.getByRole("navigation", { name: "Block palette" });
  const box = (await canvas.boundingBox())!;
  await palette.getByRole("button", { name: "Action" }).dragTo(canvas, { targetPosition: { x: box.width * 0.05, y: box.height * 0.6 } });
  await palette.getByRole("button", { name: "Filter" }).dragTo(canvas, { targetPosition: { x: box.width * 0.35, y: box.height * 0.6 } });
  await palette.getByRole("button", { name: "Utility" }).dragTo(canvas, { targetPosition: { x: box.width * 0.65, y: box.height * 0.6 } });
  await expect(block(page, "action_1")).toBeVisible();
  await expect(block(page, "utility_1")).toBeVisible();
  // Freshly dropped blocks are reported: nothing reaches them yet.
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("action_1: the start block never reaches this block");

  // Laid out first, so no block hides another's handles.
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await drag(page, out(page, "start"), into(page, "action_1"));
  await drag(page, out(page, "action_1"), into(page, "filter_1"));
  await drag(page, block(page, "filter_1").getByLabel("condition 1 of filter_1"), into(page, "utility_1"));
  await drag(page, out(page, "utility_1"), into(page, "end"));
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await expect(page.locator(".react-flow__edge")).toHaveCount(5);

  // The action: chosen from the installed apps, on the asset that supports it.
  await block(page, "action_1").click();
  await page.getByLabel("Action", { exact: true }).selectOption("geolocate ip");
  await page.getByRole("checkbox", { name: asset }).check();
  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems).toContainText('action_1: "geolocate ip" needs the parameter "ip"');
  await expect(block(page, "action_1").getByTitle(/needs the parameter "ip"/)).toBeVisible();
  await pick(page, "ip", "artifact:*.cef.sourceAddress");
  await expect(problems).not.toContainText("needs the parameter");

  await block(page, "filter_1").click();
  await pick(page, "Value 1", "action_1:action_result.status");
  await page.getByLabel("Compared with 1", { exact: true }).fill("success");

  await block(page, "utility_1").click();
  await page.getByLabel("title", { exact: true }).fill("Geolocated");
  await pick(page, "content", "action_1:action_result.message");
  await expect(problems).toContainText("No problems");
  await page.screenshot({ path: "test-results/screenshots/playbook-editor.png" });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await expect(canvas).toHaveClass(/dark/);
  await page.screenshot({ path: "test-results/screenshots/playbook-editor-dark.png" });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));

  await page.getByLabel("Version message").fill("first draw");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/playbooks\/\d+$/);
  await expect(page.getByTestId("version")).toHaveText("version 1");
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByRole("button", { name: "Deactivate" })).toBeVisible();

  await page.getByRole("tab", { name: "Debug" }).click();
  await page.getByLabel("Container", { exact: true }).selectOption(String(eventId));
  await page.getByRole("button", { name: "Debug run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("success", { timeout: 300_000 });
  for (const b of ["start", "action_1", "filter_1", "utility_1", "end"]) await expect(block(page, b)).toHaveAttribute("data-status", "success");
  await block(page, "utility_1").click();
  const data = page.getByLabel("Run data of utility_1");
  await expect(data).toContainText("utility_1: success");
  await expect(data.getByTestId("step-inputs")).toContainText('"title": "Geolocated"');
  await page.screenshot({ path: "test-results/screenshots/playbook-debugger.png" });

  await page.goto(`/events/${eventId}`);
  await expect(page.locator("[data-note-id]").filter({ hasText: "Geolocated" })).toBeVisible();
  await page.goto("/playbooks");
  const row = page.getByRole("table", { name: "Playbooks" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Active");
  await expect(row).toContainText(`v1 by ${admin}`);
});
