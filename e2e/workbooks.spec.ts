// The human side of response in the browser: an administrator builds a workbook template in the
// editor; a new event of its label gets the workbook; an analyst works its tasks, and a task that
// requires a note cannot be completed without one; the queue shows the progress. Then an action
// on an asset that requires approval waits until the asset owner, told by the bell, approves it
// in the approvals inbox; the action runs against a real server on loopback.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { attemptSignIn, cli, createEvent, signOut, toast, unique } from "./helpers";

const admin = unique("wb-adm");
const analyst = unique("wb-ana");
const owner = unique("wb-own");
const password = "e2e-password-123";
const label = unique("phishing");
const template = unique("Phishing response");
const asset = unique("Mail gateway");
let token = "";
let hits = 0;
let server: http.Server;
let serverUrl = "";

// Three accounts (each a scrypt hash in its own `vigil` process) and a token take long on a loaded machine.
test.describe.configure({ timeout: 300_000 });

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(300_000);
  server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"blocked": true}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await Promise.all([[admin, "administrator"], [analyst, "analyst"], [owner, "asset_owner"]].map(([name, role]) =>
    cli(["user", "create", "--name", name!, "--role", role!, "--password", password])));
  token = (await cli(["token", "create", "--user", admin, "--label", "e2e"])).trim().split("\n").pop()!.trim();
});
/** Signing in hashes the password (scrypt, about 0.3 s idle); a loaded machine needs more than the usual 10 s. */
async function signIn(page: Page, username: string): Promise<void> {
  await attemptSignIn(page, username, password);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible({ timeout: 60_000 });
}

test.afterAll(async () => new Promise<void>((r) => server?.close(() => r())));

test("a workbook template applied by label, worked task by task; a note-required task needs its closing note", async ({ page, request }) => {
  await signIn(page, admin);
  await page.goto("/workbooks?template=new");
  await page.getByLabel("Name", { exact: true }).fill(template);
  await page.getByLabel("Default for labels (comma-separated)").fill(label);
  await page.getByLabel("Phase 1 name").fill("Detect");
  await page.getByRole("button", { name: "Add task" }).click();
  await page.getByLabel("Task 1 of Detect").fill("Scope");
  await page.getByRole("button", { name: "Add task" }).click();
  await page.getByLabel("Task 2 of Detect").fill("Triage");
  await page.getByText("note required").nth(1).click();
  // Triage goes first.
  await page.getByRole("button", { name: "Move task Triage up" }).click();
  await expect(page.getByLabel("Task 1 of Detect")).toHaveValue("Triage");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(toast(page, "Template saved")).toBeVisible();
  await expect(page.getByRole("link", { name: template })).toBeVisible();
  await signOut(page, admin);

  const eventId = await createEvent(request, token, { name: "Invoice overdue (phish)", label });
  await signIn(page, analyst);
  await page.goto(`/events/${eventId}`);
  const panel = page.locator("#workbook");
  await expect(panel.getByRole("heading", { name: /Detect/ })).toBeVisible();
  await expect(panel.getByLabel("Workbook progress")).toHaveText("0/2 tasks complete");
  const rows = panel.locator("li[data-testid^=task-]");
  await expect(rows.nth(0)).toContainText("Triage");
  await expect(rows.nth(0)).toContainText("note required");

  const scope = rows.filter({ hasText: "Scope" });
  await scope.getByRole("button", { name: "Start" }).click();
  await expect(scope.locator("span").first()).toHaveText("In progress");
  await scope.getByRole("button", { name: "Complete" }).click();
  await expect(scope.locator("span").first()).toHaveText("Complete");

  const triage = rows.filter({ hasText: "Triage" });
  await triage.getByRole("button", { name: "Complete" }).click();
  // Not completed: it asks for the closing note first, and cannot be sent empty.
  await expect(triage.getByLabel("Closing note (required)")).toBeVisible();
  await expect(triage.getByRole("button", { name: "Complete with note" })).toBeDisabled();
  await expect(triage.locator("span").first()).toHaveText("Incomplete");
  await triage.getByLabel("Closing note (required)").fill("Spoofed sender; user did not click.");
  await triage.getByRole("button", { name: "Complete with note" }).click();
  await expect(toast(page, "Triage completed")).toBeVisible();
  await expect(panel.getByLabel("Workbook progress")).toHaveText("2/2 tasks complete");
  await expect(triage).toContainText("1 note");
  await page.screenshot({ path: "test-results/screenshots/workbook-panel.png", fullPage: true });

  await page.goto("/events");
  await expect(page.locator(`tr[data-event-id="${eventId}"]`)).toContainText("2/2");
});

test("an action on an asset that requires approval waits for its owner, who approves it from the inbox", async ({ page, request }) => {
  const created = await request.post("/rest/asset", {
    headers: { "ph-auth-token": token },
    data: { name: asset, product_vendor: "Generic", product_name: "HTTP", configuration: { base_url: serverUrl }, approval_required_for: ["investigate"], primary_owners: [{ user: owner }] },
  });
  expect(created.status(), await created.text()).toBe(200);
  const eventId = await createEvent(request, token, { name: "Block the sender", label: "email" });
  const run = await request.post("/rest/action_run", {
    headers: { "ph-auth-token": token },
    data: { action: "get data", container_id: eventId, targets: [{ assets: [asset], parameters: [{ location: "/block?sender=evil@example.test" }] }] },
  });
  expect(run.status(), await run.text()).toBe(200);
  const runId = ((await run.json()) as { action_run_id: number }).action_run_id;
  const before = hits;

  await signIn(page, owner);
  const bell = page.getByRole("button", { name: /Notifications: [1-9]\d* unread/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await page.getByRole("menuitem", { name: new RegExp(`Approval requested: get data on ${asset}`) }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  const card = page.locator("li[data-testid^=approval-]").filter({ hasText: asset });
  await expect(card).toContainText("Block the sender");
  await expect(card).toContainText("evil@example.test");
  expect(hits).toBe(before);
  await page.screenshot({ path: "test-results/screenshots/approvals-inbox.png", fullPage: true });
  await card.getByLabel("Comment").fill("ok, blocking");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(toast(page, "Approved: the action runs")).toBeVisible();

  await expect.poll(async () => {
    const r = await request.get(`/rest/action_run/${runId}`, { headers: { "ph-auth-token": token } });
    return ((await r.json()) as { status: string }).status;
  }, { timeout: 30_000 }).toBe("success");
  expect(hits).toBe(before + 1);
});
