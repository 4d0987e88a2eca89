// An analyst works the queue end to end; an observer sees the same and can change nothing.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { cli, createEvent, signIn, unique } from "./helpers";

const analyst = unique("ana");
const observer = unique("obs");
const password = "e2e-password-123";
const tag = unique("run");
let token = "";
let first = 0;
let second = 0;

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  await cli(["user", "create", "--name", observer, "--role", "observer", "--password", password]);
  token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  first = await createEvent(request, token, {
    name: `Phishing mail ${tag}`, label: "email", severity: "high", tags: [tag],
    artifacts: [{ name: "mail", cef: { sourceAddress: "203.0.113.9", requestURL: "http://bad.example/x", fromEmail: "eve@bad.example" } }],
  });
  second = await createEvent(request, token, { name: `Port scan ${tag}`, label: "network", severity: "low", tags: [tag], artifacts: [{ cef: { sourceAddress: "203.0.113.9" } }] });
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test("an analyst filters the queue, works an event, and runs a case to its close", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signIn(page, analyst, password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await page.getByLabel("Filter by name or id", { exact: true }).fill(tag);
  await page.getByRole("button", { name: "Apply" }).click();
  const rows = page.getByRole("table", { name: "Events" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Severity", { exact: true }).selectOption("high");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Phishing mail ${tag}`);
  await expect(page).toHaveURL(/severity=high/);

  // A new event arrives through the REST API and shows up without a reload (LISTEN/NOTIFY -> SSE).
  const live = await createEvent(request, token, { name: `Live alert ${tag}`, severity: "high", tags: [tag] });
  await expect(page.locator(`tr[data-event-id="${live}"]`)).toBeVisible({ timeout: 15_000 });
  await expect(rows).toHaveCount(2);

  // Keyboard: j moves to the first row, x selects it, Enter opens it.
  await page.locator("body").click({ position: { x: 5, y: 400 } });
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
  await page.keyboard.press("x");
  await shoot(page, "queue");

  await page.locator(`tr[data-event-id="${first}"]`).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/events/${first}$`));
  await expect(page.getByRole("heading", { name: `Phishing mail ${tag}` })).toBeVisible();
  await expect(page.getByTestId("time-left")).toContainText(/Due in|Overdue/);

  const statusChange = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByLabel("Status", { exact: true }).selectOption("open");
  const action = await statusChange;
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: analyst });
  await expect(page.getByRole("table", { name: "Artifacts" })).toContainText("sourceAddress");
  await page.getByRole("button", { name: "203.0.113.9" }).click();
  await expect(page.getByRole("menuitem", { name: "Show its indicator" })).toHaveAttribute("href", /\/indicators\/\d+/);
  // Actions that take an ip, when assets exist (e2e/actions.spec.ts runs them), else a disabled "No actions for ip".
  await expect(page.getByRole("menuitem", { name: /lookup ip \(DNS\)|No actions for ip/ }).first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("link", { name: new RegExp(`#${second} Port scan`) })).toBeVisible();

  await page.getByLabel("Note title").fill("Triage");
  await page.getByLabel("Note (markdown)").fill("Sender is **spoofed**. <script>alert(1)</script>");
  await page.getByRole("button", { name: "Add note" }).click();
  const note = page.locator("[data-note-id]").filter({ hasText: "Triage" });
  await expect(note.locator("strong")).toHaveText("spoofed");
  await expect(note).toContainText("<script>alert(1)</script>");

  const bytes = Buffer.from(`evidence ${tag}\n${"x".repeat(5000)}`);
  const sha = createHash("sha256").update(bytes).digest("hex");
  await page.getByLabel("File to attach").setInputFiles({ name: "mail-headers.txt", mimeType: "text/plain", buffer: bytes });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByLabel("SHA-256 of mail-headers.txt")).toHaveText(`SHA-256 ${sha}`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "mail-headers.txt" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("mail-headers.txt");
  expect(createHash("sha256").update(await readFile((await file.path())!)).digest("hex")).toBe(sha);

  await page.reload();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("open");
  await expect(page.getByLabel("Owner", { exact: true })).toHaveValue(/\d+/);
  await expect(page.getByRole("region", { name: "Activity" }).or(page.locator("section", { hasText: "Activity" })).first()).toContainText("container.status");
  await shoot(page, "investigation");
  await page.getByRole("button", { name: `User menu for ${analyst}` }).click();
  await page.getByRole("menuitem", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.keyboard.press("Escape");
  await shoot(page, "investigation-dark");

  await page.getByRole("button", { name: "Promote to case" }).click();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Cases");
  await page.goto(`/cases/${first}`);
  await page.getByLabel("Event ids to add").fill(String(second));
  await page.getByRole("button", { name: "Add to case" }).click();
  await expect(page.locator(`[data-member-id="${second}"]`)).toBeVisible();
  await page.locator("[data-note-id]").filter({ hasText: "Triage" }).getByRole("checkbox", { name: /Evidence/ }).check();
  await expect(page.getByRole("list", { name: "Evidence" })).toContainText("Triage");
  await page.getByLabel("Resolution").fill("Phishing confirmed, sender blocked");
  await page.getByRole("button", { name: "Close case" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Close case" }).click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("closed");
  await page.goto("/cases?show=closed");
  await expect(page.locator(`tr[data-case-id="${first}"]`)).toContainText("1");
  await shoot(page, "case-list");

  // The observer: everything visible, nothing changeable, and the server refuses a replayed action.
  const context = await page.context().browser()!.newContext();
  const obs = await context.newPage();
  await signIn(obs, observer, password);
  await obs.goto(`/events?q=${encodeURIComponent(tag)}`);
  await expect(obs.getByRole("table", { name: "Events" }).locator("tbody tr")).toHaveCount(3);
  await expect(obs.getByLabel("Select all on this page")).toHaveCount(0);
  await obs.goto(`/events/${second}`);
  await expect(obs.getByRole("heading", { name: `Port scan ${tag}` })).toBeVisible();
  await expect(obs.getByLabel("Status", { exact: true })).toBeDisabled();
  await expect(obs.getByLabel("Owner", { exact: true })).toBeDisabled();
  await expect(obs.getByRole("button", { name: "Add note" })).toHaveCount(0);
  await expect(obs.getByRole("button", { name: "Upload" })).toHaveCount(0);
  await expect(obs.getByRole("button", { name: "Promote to case" })).toHaveCount(0);
  await obs.goto(`/cases/${first}`);
  await expect(obs.getByRole("list", { name: "Evidence" })).toContainText("Triage");
  await expect(obs.getByRole("button", { name: "Add to case" })).toHaveCount(0);
  const origin = new URL(page.url()).origin;
  const replay = await obs.request.post(`/events/${second}`, {
    headers: { "next-action": action.headers()["next-action"]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin },
    data: JSON.stringify([{ id: second, patch: { status: "closed" } }]),
  });
  expect(replay.status()).toBe(403);
  const upload = await obs.request.post(`/api/containers/${second}/attachments`, { headers: { origin }, multipart: { file: { name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("x") } } });
  expect(upload.status()).toBe(403);
  await obs.goto(`/events/${second}`);
  await expect(obs.getByLabel("Status", { exact: true })).toHaveValue("new");
  await context.close();
});
