// Playbooks from the investigation page (issue 9): an analyst runs a playbook by hand on an
// event, choosing it and its scope, and sees the run succeed, its blocks and log (with the
// playbook's own debug line), the note it added, and the run in the event's activity.
import { expect, test, type Page } from "@playwright/test";
import { cli, createEvent, signIn, toast, unique } from "./helpers";

const admin = unique("pb-adm");
const analyst = unique("pb-ana");
const password = "e2e-password-123";
const playbookName = unique("triage");
const address = "10.20.30.40";
let eventId = 0;

// Inactive, so no label trigger runs it: only the analyst does.
const triage = {
  name: playbookName, description: "Lists the source addresses in a note", active: false,
  graph: {
    nodes: {
      "0": { id: "0", type: "start", data: { type: "start" } },
      "2": { id: "2", type: "filter", data: { type: "filter", name: "has_source", conditions: [{ comparisons: [{ param: "artifact:*.cef.sourceAddress", op: "!=", value: "None" }] }] } },
      "3": { id: "3", type: "format", data: { type: "format", name: "sources", template: "%%- {0}\n%%", parameters: ["filtered-data:has_source:condition_1:artifact:*.cef.sourceAddress"] } },
      "4": { id: "4", type: "code", data: { type: "code", name: "say", inputParameters: ["sources:formatted_data"], code: "phantom.debug('triaged ' + inputs['sources:formatted_data'].length + ' list');" } },
      "5": { id: "5", type: "utility", data: { type: "utility", name: "note_it", utility: "add_note", values: { title: "Source addresses", content: "sources:formatted_data" } } },
      "1": { id: "1", type: "end", data: { type: "end" } },
    },
    edges: [{ source: "0", target: "2" }, { source: "2", target: "3", conditions: [{ index: 0 }] }, { source: "3", target: "4" }, { source: "4", target: "5" }, { source: "5", target: "1" }],
  },
};

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", admin, "--role", "administrator", "--password", password]);
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  const token = (await cli(["token", "create", "--user", admin, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  const created = await request.post("/rest/playbook", { headers: { "ph-auth-token": token }, data: triage });
  expect(created.status(), await created.text()).toBe(200);
  eventId = await createEvent(request, token, { name: `Scan from ${address}`, label: "network", artifacts: [{ name: "conn", cef: { sourceAddress: address } }, { name: "dns", cef: { destinationDnsDomain: "example.test" } }] });
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: `test-results/screenshots/${name}-dark.png`, fullPage: true });
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

test("an analyst runs a playbook by hand from an event and sees its run, log and the note it added", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, analyst, password);
  await page.goto(`/events/${eventId}`);
  const panel = page.getByRole("region", { name: /Playbook runs/ });
  await expect(panel).toContainText("No playbook has run on this event yet");

  await panel.getByRole("button", { name: "Run playbook" }).click();
  const dialog = page.getByRole("dialog", { name: "Run playbook" });
  await dialog.getByLabel("Playbook", { exact: true }).selectOption({ label: `local/${playbookName} (inactive)` });
  await expect(dialog).toContainText("Lists the source addresses in a note");
  await dialog.getByLabel("All artifacts").check();
  await shoot(page, "run-playbook-dialog");
  await dialog.getByRole("button", { name: "Run" }).click();
  await expect(toast(page, `local/${playbookName} started`)).toBeVisible();

  const run = panel.getByRole("listitem", { name: new RegExp(`of local/${playbookName}$`) });
  await expect(run).toHaveAttribute("data-status", "success", { timeout: 30_000 });
  await expect(run).toContainText(`${analyst}`);
  await expect(run).toContainText("scope all");
  await expect(run).toContainText("playbook run succeeded");

  // The note the run added shows without reloading the page.
  const notes = page.getByRole("region", { name: /^Notes/ });
  await expect(notes).toContainText("Source addresses");
  await expect(notes).toContainText(address);

  await run.getByRole("button", { name: "Log" }).click();
  const blocks = run.getByRole("table", { name: /Blocks of run/ });
  for (const name of ["start_0", "has_source", "sources", "say", "note_it", "end_1"]) await expect(blocks).toContainText(name);
  const log = run.getByRole("list", { name: /Log of run/ });
  await expect(log).toContainText("has_source (filter) succeeded");
  await expect(log).toContainText("[debug] triaged 1 list");
  await expect(run.getByRole("button", { name: "Hide log" })).toHaveAttribute("aria-expanded", "true");

  const activity = page.getByRole("region", { name: /^Activity/ });
  await expect(activity).toContainText(`started playbook local/${playbookName}`);
  await expect(activity).toContainText("playbook_run.success");
  await expect(activity).toContainText(`playbook local/${playbookName}`);
  await shoot(page, "playbook-runs");
});

test("an observer sees the runs but may not run or cancel a playbook", async ({ page }) => {
  const observer = unique("pb-obs");
  await cli(["user", "create", "--name", observer, "--role", "observer", "--password", password]);
  await signIn(page, observer, password);
  await page.goto(`/events/${eventId}`);
  const panel = page.getByRole("region", { name: /Playbook runs/ });
  await expect(panel.getByRole("listitem", { name: new RegExp(`of local/${playbookName}$`) })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Run playbook" })).toHaveCount(0);
});
