// Input people get wrong on their first day: a note too large for the form, a comment over its
// limit, and queue addresses that are hand-edited or out of date. Each is answered in words,
// with the typed text kept, never with a crashed page or an error whose Retry cannot work.
import { expect, test } from "@playwright/test";
import { cli, createEvent, signIn, unique } from "./helpers";

const analyst = unique("err");
const password = "e2e-password-123";
const tag = unique("errs");
let eventId = 0;

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  const token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  eventId = await createEvent(request, token, { name: `Large notes ${tag}`, label: "events", severity: "low", tags: [tag] });
});

test("notes and comments over their limits are refused in words, keeping the text; a large note under it saves", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, analyst, password);
  await page.goto(`/events/${eventId}`);
  const note = page.getByLabel("Note (markdown)");

  // 1,000,001 characters: one over the documented limit. The page stays, the text stays.
  const tooLong = "x".repeat(1_000_001);
  await note.fill(tooLong);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1,000,001 characters" })).toContainText("the limit is 1,000,000 characters");
  expect(await note.evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(1_000_001);
  await expect(page.getByRole("heading", { name: `Large notes ${tag}` })).toBeVisible();

  // 600,000 two-byte characters: 1.2 MB on the wire, over Next's default server-action limit
  // (which answered a bare 500 and lost the page) yet within the note limit: it is saved.
  await page.getByLabel("Note title").fill("Big paste");
  await note.fill("é".repeat(600_000));
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.locator("[data-note-id]").filter({ hasText: "Big paste" })).toBeVisible({ timeout: 30_000 });
  await expect(note).toHaveValue("");

  const comment = page.getByLabel("Comment", { exact: true });
  await comment.fill("y".repeat(10_001));
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "10,001 characters" })).toContainText("the limit is 10,000 characters");
  await expect(comment).toHaveValue("y".repeat(10_001));
});

test("bad or stale queue addresses fall back to defaults with a notice", async ({ page }) => {
  await signIn(page, analyst, password);
  const rows = page.getByRole("table", { name: "Events" }).locator("tbody tr");

  // An unknown sort and a date that is not one: dropped, named, and the rest of the filter kept.
  await page.goto(`/events?tags=${tag}&sort=bogus&from=notadate`);
  const ignored = page.getByRole("status").filter({ hasText: "Ignored" });
  await expect(ignored).toContainText("sort");
  await expect(ignored).toContainText("from");
  await expect(rows).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`/events\\?tags=${tag}$`));
  await expect(page.getByText("The queue could not be loaded")).toHaveCount(0);
  await expect(page.getByLabel("Tags", { exact: true })).toHaveValue(tag);

  // A cursor this queue never issued (or one from before a restart): the first page, said so.
  await page.goto(`/events?tags=${tag}&cursor=garbage`);
  await expect(page.getByRole("status").filter({ hasText: "expired" })).toContainText("first page");
  await expect(rows).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`/events\\?tags=${tag}$`));
  // The notice goes once the user changes the queue.
  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByRole("status").filter({ hasText: "expired" })).toHaveCount(0);
});
