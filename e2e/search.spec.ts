// Search as an analyst uses it: part of an indicator-like value finds the artifact holding it,
// comments are searched too, note results read as text rather than markdown, and every result
// opens the right page (a case at /cases/<id>).
import { expect, test } from "@playwright/test";
import { cli, createEvent, signIn, unique } from "./helpers";

const analyst = unique("find");
const password = "e2e-password-123";
const word = `pp${Math.random().toString(36).slice(2, 8)}`;

test("prefix matches of indicator-like values, comments, notes as text, results open the right page", async ({ page, request }) => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  const token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  const id = await createEvent(request, token, {
    name: `Lookalike domain ${word}`, label: "events", severity: "medium", container_type: "case",
    artifacts: [{ name: "dns", cef: { destinationDnsDomain: `${word}1.example` } }],
  });
  const note = await request.post("/rest/note", {
    headers: { "ph-auth-token": token },
    data: { container_id: id, title: `Triage ${word}`, content: `**Sender** spoofed\n\n| host | verdict |\n|---|---|\n| mail1 | \`bad\` |` },
  });
  expect(note.status()).toBe(200);
  const comment = await request.post("/rest/container_comment", { headers: { "ph-auth-token": token }, data: { container_id: id, comment: `handed over to ${word}team` } });
  expect(comment.status()).toBe(200);

  await signIn(page, analyst, password);
  // The start of the value: "ppxxxx1" of "ppxxxx1.example".
  await page.goto(`/search?q=${word}1`);
  const artifacts = page.getByRole("region", { name: /Artifacts/ });
  await expect(artifacts).toContainText(`destinationDnsDomain: ${word}1.example`);

  // A fragment from inside the value finds its indicator (and the indicator, where it was seen).
  await page.goto(`/search?q=${word.slice(2)}1.ex`);
  await expect(page.getByRole("region", { name: /Indicators/ })).toContainText(`${word}1.example`);

  await page.goto(`/search?q=${word}team`);
  const comments = page.getByRole("region", { name: /Comments/ });
  await expect(comments).toContainText(`handed over to ${word}team`);
  await expect(comments).toContainText(`Comment by ${analyst}`);

  await page.goto(`/search?q=Triage ${word}`);
  const notes = page.getByRole("region", { name: /Notes/ });
  await expect(notes.locator("p")).toHaveText("Sender spoofed host · verdict mail1 · bad");
  await notes.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/cases/${id}$`));
});
