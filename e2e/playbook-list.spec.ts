// The playbook list's housekeeping and the editor's data aids (issue 10): an input playbook shows
// its input and output spec; duplicate, export, delete behind a confirmation, import an export
// and be told plainly what is wrong with a bad file. In the editor: a format block's live preview
// on a chosen container, the datapath picker offering a child playbook's outputs, and a run on
// the investigation page opening in the editor's debugger.
import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { attemptSignIn, cli, createEvent, toast, unique } from "./helpers";

const admin = unique("pbl-adm");
const password = "e2e-password-123";
const label = unique("pbl").replace(/-/g, "_");
const childName = unique("enrich");
const parentName = unique("report");
let token = "";
let eventId = 0;

test.use({ viewport: { width: 1600, height: 1000 } });

const start = { id: "0", type: "start", data: { type: "start", name: "start" }, x: 0, y: 0 };
const end = (x: number) => ({ id: "1", type: "end", data: { type: "end", name: "end" }, x, y: 0 });

async function create(request: APIRequestContext, body: Record<string, unknown>): Promise<number> {
  const res = await request.post("/rest/playbook", { headers: { "ph-auth-token": token }, data: { labels: [label], ...body } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: number }).id;
}

async function signIn(page: Page) {
  await attemptSignIn(page, admin, password);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible({ timeout: 60_000 });
}

const row = (page: Page, name: string) => page.getByRole("table", { name: "Playbooks" }).getByRole("row", { name: `local/${name}`, exact: true });

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  await cli(["user", "create", "--name", admin, "--role", "administrator", "--password", password]);
  token = (await cli(["token", "create", "--user", admin, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  eventId = await createEvent(request, token, { name: `Phish to ${label}`, label, artifacts: [{ name: "mail", cef: { fromEmail: "boss@evil.test" } }, { name: "mail2", cef: { fromEmail: "ceo@evil.test" } }] });
  // An input playbook (the child) with an output spec, and a playbook that calls it and formats
  // a report from the event's artifacts.
  await create(request, {
    name: childName, type: "input", input_spec: [{ name: "sender", description: "who sent it" }],
    output_spec: [{ name: "verdict", description: "good or bad", datapaths: ["judge:formatted_data"] }, { name: "score", datapaths: ["judge:formatted_data"] }],
    graph: { nodes: { "0": start, "2": { id: "2", type: "format", data: { type: "format", name: "judge", template: "bad {0}", parameters: ["playbook_input:sender"] }, x: 260, y: 0 }, "1": end(520) }, edges: [{ source: "0", target: "2" }, { source: "2", target: "1" }] },
  });
  await create(request, {
    name: parentName,
    graph: {
      nodes: {
        "0": start,
        "2": { id: "2", type: "playbook", data: { type: "playbook", name: "ask_child", playbook: `local/${childName}`, synchronous: true, inputs: { sender: { datapaths: ["artifact:*.cef.fromEmail"], deduplicate: false } } }, x: 260, y: 0 },
        "3": { id: "3", type: "format", data: { type: "format", name: "report", template: "Event {0}:\n%%- from {1}\n%%", parameters: ["container:name", "artifact:*.cef.fromEmail"] }, x: 520, y: 0 },
        "1": end(780),
      },
      edges: [{ source: "0", target: "2" }, { source: "2", target: "3" }, { source: "3", target: "1" }],
    },
  });
});

test("the list shows input specs; duplicate, export, delete with confirmation, import with clear errors", async ({ page }, info) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto(`/playbooks?label=${label}`);
  await expect(row(page, childName).getByRole("definition")).toHaveText(["sender", "verdict, score"]);

  await row(page, parentName).getByRole("button", { name: `Duplicate ${parentName}` }).click();
  await expect(toast(page, `Duplicated as ${parentName} copy`)).toBeVisible();
  await expect(row(page, `${parentName} copy`)).toContainText("Inactive");

  const [download] = await Promise.all([page.waitForEvent("download"), row(page, parentName).getByRole("link", { name: `Export ${parentName}` }).click()]);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as Record<string, unknown> & { graph: { nodes: Record<string, { data: { name?: string } }>; edges: unknown[] } };
  expect(exported.vigil_playbook).toBe(1);
  expect(exported.name).toBe(parentName);
  expect(Object.values(exported.graph.nodes).map((n) => n.data.name).sort()).toEqual(["ask_child", "end", "report", "start"]);

  // Delete the copy: the dialog says what goes; Cancel keeps it, Delete playbook removes it.
  const copy = row(page, `${parentName} copy`);
  await copy.getByRole("button", { name: `Delete ${parentName} copy` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Delete playbook ${parentName} copy?` });
  await expect(dialog).toContainText("cannot be undone");
  await page.screenshot({ path: "test-results/screenshots/playbook-list-delete.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(copy).toBeVisible();
  await copy.getByRole("button", { name: `Delete ${parentName} copy` }).click();
  await dialog.getByRole("button", { name: "Delete playbook" }).click();
  await expect(toast(page, `Deleted ${parentName} copy`)).toBeVisible();
  await expect(copy).toHaveCount(0);

  // Bad files, each refused with what is wrong, and nothing created.
  const file = page.getByLabel("Playbook file to import");
  const bad = async (name: string, content: string, message: string | RegExp) => {
    const path = info.outputPath(name);
    await writeFile(path, content);
    await file.setInputFiles(path);
    await expect(page.getByRole("alert").filter({ hasText: `${name} is not imported` })).toContainText(message);
  };
  await bad("notes.json", "this is not json {", "it is not JSON");
  await bad("soar.json", JSON.stringify({ coa: { data: {} } }), "not a Vigil playbook export");
  await bad("same-name.json", JSON.stringify(exported), `a playbook named local/${parentName} exists`);
  const broken = structuredClone(exported);
  broken.graph.edges.push({ source: "2", target: "99" });
  await bad("broken.json", JSON.stringify({ ...broken, name: unique("broken") }), /graph/);
  await bad("no-name.json", JSON.stringify({ ...exported, name: "" }), "name: a name is required");

  // A good file: a new playbook, inactive, opened in the editor.
  const importedName = unique("imported");
  const good = info.outputPath("good.json");
  await writeFile(good, JSON.stringify({ ...exported, name: importedName, active: true }));
  await file.setInputFiles(good);
  await expect(page).toHaveURL(/\/playbooks\/\d+$/);
  await expect(page.getByTestId("block-report")).toBeVisible();
  await page.goto(`/playbooks?label=${label}`);
  await expect(row(page, importedName)).toContainText("Inactive");
  await page.screenshot({ path: "test-results/screenshots/playbook-list.png", fullPage: true });
});

test("a format block previews on a chosen container; the picker offers the child playbook's outputs", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto(`/playbooks?label=${label}`);
  await row(page, parentName).getByRole("link", { name: parentName, exact: true }).click();
  await page.getByTestId("block-report").click();
  const preview = page.getByRole("region", { name: "Format preview" });
  await preview.getByLabel("Preview on container").selectOption(String(eventId));
  await expect(preview.getByTestId("format-preview")).toHaveText(`Event Phish to ${label}:\n- from boss@evil.test\n- from ceo@evil.test\n`);
  // The preview follows the template as it is typed.
  await page.getByLabel("Template", { exact: true }).fill("Senders of {0}: {1}");
  await expect(preview.getByTestId("format-preview")).toHaveText(`Senders of Phish to ${label}: boss@evil.test, ceo@evil.test`);
  await page.screenshot({ path: "test-results/screenshots/playbook-format-preview.png" });

  await page.getByRole("button", { name: "Pick a datapath for Parameter {1}", exact: true }).click();
  const list = page.getByRole("listbox", { name: "Datapaths for Parameter {1}" });
  await expect(list.getByRole("group", { name: "Block ask_child" }).getByRole("option")).toHaveText(["ask_child:playbook_output:verdict", "ask_child:playbook_output:score"]);
  await list.getByRole("option", { name: "ask_child:playbook_output:verdict", exact: true }).click();
  await expect(page.getByLabel("Parameter {1}", { exact: true })).toHaveValue("ask_child:playbook_output:verdict");
});

test("a playbook run on the investigation page opens in the editor's debugger, read-only", async ({ page, request }) => {
  test.setTimeout(120_000);
  const res = await request.post("/rest/playbook_run", { headers: { "ph-auth-token": token }, data: { container_id: eventId, playbook_id: `local/${parentName}`, scope: "all" } });
  expect(res.status(), await res.text()).toBe(200);
  const runId = ((await res.json()) as { playbook_run_id: number }).playbook_run_id;
  await signIn(page);
  await page.goto(`/events/${eventId}`);
  const entry = page.getByRole("listitem", { name: `Playbook run ${runId} of local/${parentName}` });
  await expect(entry).toHaveAttribute("data-status", "success", { timeout: 60_000 });
  await entry.getByRole("link", { name: `Open run ${runId} in the debugger` }).click();
  await expect(page).toHaveURL(new RegExp(`/playbooks/\\d+\\?run=${runId}$`));
  await expect(page.getByTestId("run-status")).toHaveText("success");
  await expect(page.getByTestId("block-report")).toHaveAttribute("data-status", "success");
  await page.getByTestId("block-report").click();
  await expect(page.getByLabel("Run data of report").getByTestId("step-outputs")).toContainText("boss@evil.test");
  await expect(page.getByRole("navigation", { name: "Block palette" })).toHaveCount(0);
});
