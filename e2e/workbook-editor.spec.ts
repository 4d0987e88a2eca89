// The workbook template editor's drag reordering and a task's one-click suggested action. An
// administrator reorders tasks with the keyboard (Space, arrows, Space on a handle) and phases
// by dragging with the mouse, moves a task to another phase, names a suggested action, saves,
// and finds the order kept; then,
// on an event, a task's suggested action runs on the asset with one click against a real
// server on loopback. And the notification settings: an administrator's SMTP asset for email, a
// user's choice of the kinds that reach them by email.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { attemptSignIn, cli, createEvent, toast, unique } from "./helpers";

const admin = unique("wbe-adm");
const password = "e2e-password-123";
const shots = "test-results/screenshots";
let token = "";
const asked: string[] = [];
let server: http.Server;
let serverUrl = "";

test.describe.configure({ timeout: 300_000 });

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(300_000);
  server = http.createServer((req, res) => {
    asked.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/json" }).end('{"isolated": true}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await cli(["user", "create", "--name", admin, "--role", "administrator", "--password", password]);
  token = (await cli(["token", "create", "--user", admin, "--label", "e2e"])).trim().split("\n").pop()!.trim();
});
test.afterAll(async () => new Promise<void>((r) => server?.close(() => r())));

async function signIn(page: Page): Promise<void> {
  await attemptSignIn(page, admin, password);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible({ timeout: 60_000 });
}

test("phases and tasks reorder by drag, with the keyboard and the mouse, a task moves to another phase, and the order is saved", async ({ page }) => {
  const name = unique("Drag me");
  await signIn(page);
  await page.goto("/workbooks?template=new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Phase 1 name").fill("Detect");
  for (const [i, task] of ["Scope", "Triage", "Report"].entries()) {
    await page.getByRole("button", { name: "Add task" }).click();
    await page.getByLabel(`Task ${i + 1} of Detect`).fill(task);
  }
  await page.getByRole("button", { name: "Add phase" }).click();
  await page.getByLabel("Phase 2 name").fill("Contain");

  // Keyboard: pick up Report, move it up twice, drop it; each step is announced to screen readers
  // (and the next key waits for it: the list is measured once the item is picked up).
  const announced = (text: string) => expect(page.locator("[aria-live]", { hasText: text })).toHaveCount(1);
  await page.getByRole("button", { name: "Drag task Report" }).focus();
  await page.keyboard.press("Space");
  await announced("Picked up task Report, position 3 of 3.");
  await page.keyboard.press("ArrowUp");
  await announced("task Report is over position 2 of 3.");
  await page.keyboard.press("ArrowUp");
  await announced("task Report is over position 1 of 3.");
  await page.keyboard.press("Space");
  await announced("task Report dropped at position 1 of 3.");
  await expect(page.getByLabel("Task 1 of Detect")).toHaveValue("Report");
  await expect(page.getByLabel("Task 3 of Detect")).toHaveValue("Triage");

  // Mouse: drag Contain's handle above Detect (both on screen: Detect's handle near the top).
  await page.getByRole("button", { name: "Drag phase Detect" }).evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 80));
  const from = (await page.getByRole("button", { name: "Drag phase Contain" }).boundingBox())!;
  const to = (await page.getByRole("button", { name: "Drag phase Detect" }).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
  await announced("Picked up phase Contain, position 2 of 2.");
  await page.mouse.move(to.x + to.width / 2, to.y - 20, { steps: 15 });
  await announced("phase Contain is over position 1 of 2.");
  await page.mouse.up();
  await announced("phase Contain dropped at position 1 of 2.");
  await expect(page.getByLabel("Phase 1 name")).toHaveValue("Contain");
  await expect(page.getByLabel("Phase 2 name")).toHaveValue("Detect");

  // A task moves to another phase: Triage from Detect to the end of Contain.
  await page.getByLabel("Move task Triage to phase").selectOption({ label: "Contain" });
  await expect(page.getByLabel("Task 1 of Contain")).toHaveValue("Triage");
  await expect(page.getByLabel("Task 3 of Detect")).toHaveCount(0);

  await page.getByLabel("Suggested actions of task Scope").fill("get data");
  await page.screenshot({ path: `${shots}/workbook-editor-drag.png`, fullPage: true });
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(toast(page, "Template saved")).toBeVisible();
  await expect(page).toHaveURL(/\/workbooks\?template=\d+$/);
  await page.reload();
  await expect(page.getByLabel("Phase 1 name")).toHaveValue("Contain");
  await expect(page.getByLabel("Task 1 of Detect")).toHaveValue("Report");
  await expect(page.getByLabel("Task 2 of Detect")).toHaveValue("Scope");
  await expect(page.getByLabel("Task 1 of Contain")).toHaveValue("Triage");
  await expect(page.getByLabel("Task 3 of Detect")).toHaveCount(0);
  await expect(page.getByLabel("Suggested actions of task Scope")).toHaveValue("get data");
});

test("a task's suggested action runs on the event with one click", async ({ page, request }) => {
  const asset = unique("EDR");
  const made = await request.post("/rest/asset", { headers: { "ph-auth-token": token }, data: { name: asset, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: serverUrl } } });
  expect(made.status(), await made.text()).toBe(200);
  const label = unique("isolate");
  const t = await request.post("/rest/workbook_template", { headers: { "ph-auth-token": token }, data: {
    name: unique("Contain host"), labels: [label],
    phases: [{ name: "Contain", tasks: [{ name: "Isolate host", suggestions: { actions: [{ action: "get data", app: "HTTP", parameters: { location: "/isolate?host=web-01" } }] } }] }],
  } });
  expect(t.status(), await t.text()).toBe(200);
  const eventId = await createEvent(request, token, { name: "Beaconing from web-01", label });

  await signIn(page);
  await page.goto(`/events/${eventId}`);
  await page.getByRole("button", { name: "Run action get data for Isolate host" }).click();
  await expect(toast(page, "get data started")).toBeVisible();
  await expect.poll(() => asked.filter((u) => u === "/isolate?host=web-01").length, { timeout: 60_000 }).toBe(1);
  const runs = await request.get(`/rest/action_run?_filter_container=${eventId}`, { headers: { "ph-auth-token": token } });
  const run = ((await runs.json()) as { data: { name: string; status: string }[] }).data.find((r) => r.name.includes("Isolate host"));
  expect(run?.name).toBe('get data for task "Isolate host"');
  await page.screenshot({ path: `${shots}/workbook-task-action.png`, fullPage: true });
});

test("an administrator sends notifications by email through an SMTP asset; a user chooses which kinds", async ({ page, request }) => {
  const relay = unique("Mail relay");
  const made = await request.post("/rest/asset", { headers: { "ph-auth-token": token }, data: { name: relay, product_vendor: "Generic", product_name: "SMTP", configuration: { server: "127.0.0.1", port: 2525, ssl_config: "None", sender_address: "vigil@soc.test" } } });
  expect(made.status(), await made.text()).toBe(200);
  await signIn(page);
  await page.goto("/admin/notifications");
  await page.getByLabel("Send email notifications through").selectOption({ label: relay });
  await page.getByLabel("SLA at risk at (% of the SLA used)").fill("75");
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(toast(page, "Notification settings saved")).toBeVisible();
  await page.screenshot({ path: `${shots}/notification-settings.png`, fullPage: true });

  await page.goto("/account");
  await page.getByLabel("Email address").fill("soc-lead@corp.test");
  await page.getByLabel("A mention of you (@name) in a note").uncheck();
  await page.getByRole("button", { name: "Save email notifications" }).click();
  await expect(toast(page, "Email notifications saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Email address")).toHaveValue("soc-lead@corp.test");
  await expect(page.getByLabel("A mention of you (@name) in a note")).not.toBeChecked();
  await expect(page.getByLabel("A workbook task assigned to you")).toBeChecked();
  await page.screenshot({ path: `${shots}/account-email-notifications.png`, fullPage: true });

  // Other specs share this server: email goes back off.
  await page.goto("/admin/notifications");
  await page.getByLabel("Send email notifications through").selectOption({ label: "no email (the bell only)" });
  await page.getByLabel("SLA at risk at (% of the SLA used)").fill("80");
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(toast(page, "Notification settings saved")).toBeVisible();
});
