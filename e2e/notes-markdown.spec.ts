// Notes render as markdown (lib/markdown.ts): GFM tables, lists and code styled; raw HTML and
// javascript: links stay text; a note longer than the render limit shows its start, a notice
// and a download of the whole text.
import { expect, test } from "@playwright/test";
import { cli, createEvent, signIn, unique } from "./helpers";

const analyst = unique("md");
const password = "e2e-password-123";
let token = "";
let event = 0;

const NOTE = [
  "# Findings", "", "The sender is **spoofed**; see [the report](https://example.org/report) and `whois`.", "",
  "| host | hits | verdict |", "|:-----|-----:|:-------:|", "| web-1 | 12 | bad |", "| web-2 | 3 | clean |", "",
  "- blocked at the proxy", "- mailbox purged", "", "```", "curl -I http://bad.example/x", "```", "",
  "<script>alert('note')</script> <img src=x onerror=alert(1)> [click me](javascript:alert(1))",
].join("\n");

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  event = await createEvent(request, token, { name: unique("markdown notes") });
  for (const [title, content] of [["Write-up", NOTE], ["Packet dump", "[".repeat(40_000) + "\n\n" + "x ".repeat(60_000)]]) {
    const res = await request.post("/rest/note", { headers: { "ph-auth-token": token }, data: { container_id: event, title, content } });
    expect(res.status(), await res.text()).toBe(200);
  }
});

test("a note's markdown renders styled and safe, and a long note is cut with a download", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, analyst, password);
  await page.goto(`/events/${event}`);
  const note = page.locator("[data-note-id]").filter({ hasText: "Write-up" });
  await expect(note.getByRole("heading", { name: "Findings" })).toBeVisible();
  await expect(note.getByRole("table")).toBeVisible();
  await expect(note.getByRole("row")).toHaveCount(3);
  await expect(note.getByRole("link", { name: "the report" })).toHaveAttribute("href", "https://example.org/report");
  await expect(note.getByRole("link", { name: "click me" })).toHaveCount(0);
  await expect(note).toContainText("<script>alert('note')</script>");
  await expect(note.locator("script, img")).toHaveCount(0);

  const long = page.locator("[data-note-id]").filter({ hasText: "Packet dump" });
  await expect(long.getByRole("note")).toContainText("Note truncated: only the first 32 KB");
  const download = page.waitForEvent("download");
  await long.getByRole("button", { name: "Download the full text" }).click();
  expect((await download).suggestedFilename()).toBe("note.md");
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/notes-markdown.png", fullPage: false });
  expect(dialogs).toEqual([]);
});
