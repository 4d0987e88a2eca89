// The investigation pages as an analyst meets them: a case always at /cases/<id> and an event at
// /events/<id> whichever link led there, an event in a case pointing at it, names with
// right-to-left overrides shown as stored, file sizes in words and the vault limit checked before
// a file is sent, and a closed case showing its resolution and who closed it.
import { open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cli, createEvent, signIn, toast, unique } from "./helpers";

const analyst = unique("inv");
const password = "e2e-password-123";
const tag = unique("inv");
let token = "";

test.beforeAll(async () => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
});

test("cases and events each open at their own address; an event in a case shows it and cannot be promoted", async ({ page, request }) => {
  const eventId = await createEvent(request, token, { name: `Lateral movement ${tag}`, label: "events", severity: "high", tags: [tag] });
  const memberId = await createEvent(request, token, {
    name: `Related login ${tag}`, label: "events", severity: "low", tags: [tag],
    artifacts: [{ name: "login", cef: { sourceAddress: "203.0.113.9", requestURL: "https://login.example.test/session/renew?user=someone" } }],
  });
  await signIn(page, analyst, password);

  // A plain event at /cases/<id> is shown as the event.
  await page.goto(`/cases/${eventId}`);
  await expect(page).toHaveURL(new RegExp(`/events/${eventId}$`));
  // Promoting moves to the case's own page, with its case controls.
  await page.getByRole("button", { name: "Promote to case" }).click();
  await expect(toast(page, `Event #${eventId} is now a case`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/cases/${eventId}$`));
  await expect(page.getByRole("button", { name: "Close case" })).toBeVisible();
  // The old event address of a case opens the case.
  await page.goto(`/events/${eventId}`);
  await expect(page).toHaveURL(new RegExp(`/cases/${eventId}$`));
  await expect(page.getByRole("heading", { name: "Events in this case" })).toBeVisible();

  await page.getByLabel("Event ids to add").fill(String(memberId));
  await page.getByRole("button", { name: "Add to case" }).click();
  await expect(page.locator(`[data-member-id="${memberId}"]`)).toBeVisible();
  await page.goto(`/events/${memberId}`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: `in case #${eventId}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Promote to case" })).toHaveCount(0);
  await expect(page.getByLabel("Add to case")).toHaveCount(0);
  // Evidence shows on the case as the artifact's rows, field by field, not as raw JSON.
  const mark = page.locator(`[data-artifact-id]`).first().getByRole("checkbox", { name: /Evidence/ });
  await mark.check();
  await expect(mark).toBeEnabled(); // the action has answered
  await page.goto(`/cases/${eventId}`);
  const evidence = page.getByRole("list", { name: "Evidence" }).locator('[data-evidence-type="artifact"]');
  await expect(evidence.locator("dt").filter({ hasText: /^sourceAddress$/ })).toBeVisible();
  await expect(evidence.locator("dd").filter({ hasText: /^203\.0\.113\.9$/ })).toBeVisible();
  await expect(evidence.locator("dd").filter({ hasText: /^https:\/\/login\.example\.test\/session\/renew\?user=someone$/ })).toBeVisible();
  await expect(evidence).not.toContainText("{");

  // Closing records the resolution and the closer as fields: on the case and in the list.
  await page.getByLabel("Resolution").fill("Contained, credentials rotated");
  await page.getByRole("button", { name: "Close case" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Close case" }).click();
  const resolution = page.getByRole("note", { name: "Resolution" });
  await expect(resolution).toContainText("Contained, credentials rotated");
  await expect(resolution).toContainText(`closed by ${analyst}`);
  await page.goto(`/cases?show=closed&q=${encodeURIComponent(`Lateral movement ${tag}`)}`);
  const row = page.locator(`tr[data-case-id="${eventId}"]`);
  await expect(row).toContainText("Contained, credentials rotated");
  await expect(row).toContainText(`closed by ${analyst}`);
  await expect(page.getByRole("table", { name: "Cases" }).locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Cases" }).getByRole("columnheader", { name: "Due" })).toBeVisible();
});

test("right-to-left overrides in event and file names are shown neutralised; sizes and the vault limit in words", async ({ page, request }) => {
  const id = await createEvent(request, token, { name: `invoice\u202Efdp.exe ${tag}`, label: "events", severity: "low", tags: [tag] });
  await signIn(page, analyst, password);
  await page.goto(`/events?tags=${tag}`);
  const link = page.locator(`tr[data-event-id="${id}"]`).getByRole("link");
  await expect(link).toHaveText(`invoice⟨U+202E⟩fdp.exe ${tag}`);

  await page.goto(`/events/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`invoice⟨U+202E⟩fdp.exe ${tag}`);
  await page.getByLabel("File to attach").setInputFiles({ name: "report\u202Efdp.exe", mimeType: "application/octet-stream", buffer: Buffer.from("M") });
  await page.getByRole("button", { name: "Upload" }).click();
  const file = page.locator("[data-attachment-id]");
  await expect(file.getByRole("link")).toHaveText("report⟨U+202E⟩fdp.exe");
  await expect(file).toContainText("1 byte ·");

  // Over the vault's 50 MB: refused before sending, with the limit in words.
  const big = path.join(tmpdir(), `${unique("disk")}.img`);
  const handle = await open(big, "w");
  await handle.truncate(50 * 1024 * 1024 + 1); // sparse: costs no disk
  await handle.close();
  await page.getByLabel("File to attach").setInputFiles(big);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert").filter({ hasText: path.basename(big) })).toContainText("is larger than the 50 MB limit");
  await expect(file).toHaveCount(1);
  await rm(big);

});
