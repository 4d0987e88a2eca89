// Splunk SOAR playbooks in the console (issue 11): the "Import from Splunk SOAR" dialog with its
// refusals and import report, the read-only graph of a large imported playbook with each block's
// Python, the export archive (byte-identical), and the debugger of a Python playbook's run.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { soarArchiveFiles } from "../lib/domain/soar-import";
import { attemptSignIn, cli, createEvent, unique } from "./helpers";

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures");
const admin = unique("soar-adm");
const password = "e2e-password-123";
const repo = unique("e2e_soar").replace(/-/g, "_");
const LARGE = "risk_notable_merge_events";
let token = "";

test.use({ viewport: { width: 1600, height: 1000 } });
test.describe.configure({ mode: "serial" });

// A small SOAR playbook whose action has no asset in Vigil: on_start -> geolocate_ip_1 -> its
// callback report_location, as SOAR's generated code calls them.
const node = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, data: { id, type, advanced: { join: [] }, ...data }, x: 0, y: Number(id) * 150 });
const SMALL_JSON = JSON.stringify({
  labels: ["*"], tags: [], category: "e2e",
  coa: {
    playbook_type: "automation", input_spec: null, output_spec: null,
    data: {
      description: "geolocate the source address",
      nodes: {
        "0": node("0", "start", { functionName: "on_start" }),
        "1": node("1", "end", { functionName: "on_finish" }),
        "2": node("2", "action", { action: "geolocate ip", connector: "MaxMind", connectorConfigs: ["e2e missing asset"], functionName: "geolocate_ip_1", parameters: { ip: "artifact:*.cef.sourceAddress" } }),
      },
      edges: [{ id: "port_0_to_port_2", sourceNode: "0", targetNode: "2" }, { id: "port_2_to_port_1", sourceNode: "2", targetNode: "1" }],
    },
  },
});
const SMALL_PY = `import phantom.rules as phantom
import json


@phantom.playbook_block()
def on_start(container):
    phantom.debug('on_start() called')
    geolocate_ip_1(container=container)
    return


@phantom.playbook_block()
def geolocate_ip_1(action=None, success=None, container=None, results=None, handle=None, filtered_artifacts=None, filtered_results=None, custom_function=None, **kwargs):
    phantom.debug("geolocate_ip_1() called")
    rows = phantom.collect2(container=container, datapath=["artifact:*.cef.sourceAddress", "artifact:*.id"])
    parameters = [{"ip": r[0]} for r in rows if r[0] is not None]
    phantom.act("geolocate ip", parameters=parameters, name="geolocate_ip_1", assets=["e2e missing asset"], callback=report_location)
    return


@phantom.playbook_block()
def report_location(action=None, success=None, container=None, results=None, handle=None, filtered_artifacts=None, filtered_results=None, custom_function=None, **kwargs):
    phantom.debug("report_location() called")
    phantom.debug("located: " + str(success))
    return


def on_finish(container, summary):
    phantom.debug("on_finish() called")
    return
`;

async function signIn(page: Page) {
  await attemptSignIn(page, admin, password);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible({ timeout: 60_000 });
}

async function openImport(page: Page) {
  await page.goto("/playbooks");
  await page.getByRole("button", { name: "Import from Splunk SOAR" }).click();
  const dialog = page.getByRole("dialog", { name: "Import from Splunk SOAR" });
  await dialog.getByLabel("Repository").fill(repo);
  return dialog;
}

const file = async (dir: string, name: string) => ({ name, mimeType: "application/octet-stream", buffer: await readFile(path.join(FIXTURES, dir, name)) });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await cli(["user", "create", "--name", admin, "--role", "administrator", "--password", password]);
  token = (await cli(["token", "create", "--user", admin, "--label", "e2e"])).trim().split("\n").pop()!.trim();
});

test("imports SOAR files from the dialog with their import report, and refuses files it cannot pair or read", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  let dialog = await openImport(page);
  const files = dialog.getByLabel("Files");
  await files.setInputFiles([{ name: `${LARGE}.py`, mimeType: "text/x-python", buffer: Buffer.from("print(1)\n") }]);
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText(`${LARGE}.py has no ${LARGE}.json beside it: SOAR exports each as a pair; choose both files, or the export archive`);
  await files.setInputFiles([{ name: "export.tgz", mimeType: "application/gzip", buffer: Buffer.from("not a tar at all") }]);
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("export.tgz: the archive is not a readable tar file");

  // The custom functions the large playbook calls, then the playbook itself.
  await dialog.getByLabel("Custom functions", { exact: true }).check();
  await files.setInputFiles([await file("soar-custom-functions", "workbook_task_update.json"), await file("soar-custom-functions", "workbook_task_update.py")]);
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("region", { name: "Import results" })).toContainText(`${repo}/workbook_task_update`);
  await page.keyboard.press("Escape");

  dialog = await openImport(page);
  await dialog.getByLabel("Files").setInputFiles([await file("soar-playbooks", `${LARGE}.json`), await file("soar-playbooks", `${LARGE}.py`), { name: "geo_e2e.json", mimeType: "application/json", buffer: Buffer.from(SMALL_JSON) }, { name: "geo_e2e.py", mimeType: "text/x-python", buffer: Buffer.from(SMALL_PY) }]);
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  const results = dialog.getByRole("region", { name: "Import results" });
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("2 of 2 imported", { timeout: 30_000 });
  const report = results.getByLabel(`Import report of ${LARGE}`);
  await expect(report.getByRole("region", { name: "Dangling datapaths" })).toBeVisible();
  await expect(report.getByRole("region", { name: "Assets to create" })).toContainText('"splunk"');
  // workbook_task_update was imported into this repository; the fixture calls it from community.
  await expect(report.getByRole("region", { name: "Custom functions missing" })).toContainText("community/workbook_task_update");
  const small = results.getByLabel("Import report of geo_e2e");
  await expect(small.getByRole("region", { name: "Unbound actions" })).toContainText("geolocate_ip_1: geolocate ip");
  await expect(small.getByRole("region", { name: "Assets to create" })).toContainText('"e2e missing asset" for app MaxMind');
  await page.screenshot({ path: "test-results/screenshots/soar-import-dialog.png", fullPage: true });

  // Again without force: refused by name, the other file's outcome beside it.
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("0 of 2 imported");
  await expect(results.getByRole("alert").first()).toContainText("exists; import with force to replace it");
  await dialog.getByLabel("Replace playbooks of the same name (new version)").check();
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("2 of 2 imported");
  await expect(results).toContainText("replaced, version 2");
});

test("shows an imported playbook's graph read-only with each block's Python, and exports it byte for byte", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/playbooks");
  await page.getByRole("row", { name: `${repo}/${LARGE}`, exact: true }).getByRole("link", { name: LARGE, exact: true }).click();
  await expect(page.getByRole("note")).toContainText("Read-only: this playbook runs its .py");
  // Every SOAR block and connection of the fixture (34 blocks, 41 edges) is drawn.
  await expect(page.locator(".react-flow__node")).toHaveCount(34);
  await expect(page.locator(".react-flow__edge")).toHaveCount(41);
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
  // It opens readable on its first blocks; Zoom to fit shows all of them.
  await expect(page.getByTestId("block-on_start")).toBeInViewport();
  await expect(page.getByRole("table", { name: "SOAR block types" }).getByRole("row", { name: "utility (custom_function) Custom function 10" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/soar-graph-start.png" });
  await page.getByRole("button", { name: "Zoom to fit" }).click();

  await page.getByTestId("block-process_responses").click();
  const panel = page.getByLabel("SOAR block process_responses");
  await expect(panel.getByTestId("soar-type")).toHaveText("SOAR block type code → Vigil Code");
  await expect(panel.getByLabel("User code of process_responses")).toContainText("process_responses__should_merge = False");
  await expect(panel.getByLabel("Python of process_responses")).toContainText("def process_responses(");
  await expect(panel.getByLabel("Python of process_responses")).toHaveAttribute("contenteditable", "false");
  await page.screenshot({ path: "test-results/screenshots/soar-graph.png" });

  await page.getByTestId("block-related_events_decision").click();
  await expect(page.getByRole("region", { name: "Conditions" })).toContainText('1. if “related events found” (and)find_related_events:custom_function_result.data.*.container_id != ""');

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export SOAR archive" }).click();
  const archive = await readFile((await (await download).path())!);
  const [back] = await soarArchiveFiles(archive);
  expect(back!.name).toBe(LARGE);
  expect(back!.json.equals(await readFile(path.join(FIXTURES, "soar-playbooks", `${LARGE}.json`)))).toBe(true);
  expect(back!.py.equals(await readFile(path.join(FIXTURES, "soar-playbooks", `${LARGE}.py`)))).toBe(true);
});

test("debugs a Python playbook's run: the functions it called, in order, with their debug lines, parameters and results", async ({ page, request }) => {
  test.setTimeout(240_000);
  const eventId = await createEvent(request, token, { name: `Geo ${repo}`, label: "events", artifacts: [{ name: "src", cef: { sourceAddress: "192.0.2.44" } }] });
  await signIn(page);
  await page.goto("/playbooks");
  await page.getByRole("row", { name: `${repo}/geo_e2e`, exact: true }).getByRole("link", { name: "geo_e2e", exact: true }).click();
  await page.getByRole("tab", { name: "Debug" }).click();
  await page.getByLabel("Container").selectOption(String(eventId));
  await page.getByRole("button", { name: "Debug run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("success", { timeout: 180_000 });
  const calls = page.getByRole("list", { name: "Functions called" }).locator(":scope > li");
  await expect(calls).toHaveCount(3);
  await expect(calls.nth(0)).toHaveAccessibleName("1. on_start()");
  await expect(calls.nth(0).getByRole("list", { name: "Debug lines of on_start" }).getByRole("listitem")).toHaveText(["on_start() called", "geolocate_ip_1() called"]);
  await expect(calls.nth(0)).toContainText("Started action geolocate_ip_1");
  const callback = calls.nth(1);
  await expect(callback).toHaveAccessibleName("2. report_location()");
  await expect(callback).toContainText("Callback of action geolocate_ip_1");
  await expect(callback).toContainText('no asset "e2e missing asset"');
  await callback.getByText("Parameters").click();
  await expect(callback).toContainText('"ip": "192.0.2.44"');
  await callback.getByText("Results").click();
  await expect(callback).toContainText('"status": "failed"');
  await expect(callback.getByRole("list", { name: "Debug lines of report_location" }).getByRole("listitem")).toHaveText(["report_location() called", "located: False"]);
  await expect(calls.nth(2)).toHaveAccessibleName("3. on_finish()");
  // The block whose action ran is marked on the canvas.
  await expect(page.getByTestId("block-geolocate_ip_1")).toHaveAttribute("data-status", "failed");
  await page.screenshot({ path: "test-results/screenshots/soar-python-run.png" });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: "test-results/screenshots/soar-python-run-dark.png" });

  // The investigation page's run log lists the same functions, and opens the run in the debugger.
  await page.goto(`/events/${eventId}`);
  const run = page.getByRole("listitem", { name: new RegExp(`of ${repo}/geo_e2e$`) });
  await run.getByRole("button", { name: "Log" }).click();
  await expect(run.getByRole("table", { name: /Functions of run/ })).toContainText("report_location()action geolocate_ip_1 (failed)");
  await run.getByRole("link", { name: /in the debugger/ }).click();
  await expect(page.getByRole("list", { name: "Functions called" }).locator(":scope > li")).toHaveCount(3);
});
