// Approvals, escalation, the SLA dashboard and playbook prompts in the browser, against a real
// sshd on loopback (lib/testing/sshd.ts): an analyst asks to terminate a process (a `contain`
// action) on a host whose asset requires approval for contain actions; the asset owner, told by
// the bell, approves it in the inbox; the process is killed and the analyst reads the result.
// A second request left unanswered past its SLA reaches the secondary owner, then breaches, and
// a manager finds the breach on the SLA page and drills down to the event, and from the approvals
// figures to the approvals behind them. A playbook's prompt
// answered in the inbox lets the playbook go on. The SLA clocks (minutes) are made due by moving
// their due time in the e2e server's database; the running worker does the rest.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SSH_TEST_USER, startSshd, type Sshd } from "../lib/testing/sshd";
import { attemptSignIn, cli, createEvent, signOut, toast, unique } from "./helpers";

const run = promisify(execFile);
const password = "e2e-password-123";
const [admin, analyst, owner, secondary, manager] = ["ap-adm", "ap-ana", "ap-own", "ap-sec", "ap-mgr"].map(unique) as [string, string, string, string, string];
const asset = unique("web-01");
const shots = "test-results/screenshots";
let adminToken = "";
let analystToken = "";
let sshd: Sshd;
const sleepers: ChildProcess[] = [];

test.describe.configure({ timeout: 300_000 });

/** The e2e server's own PostgreSQL (its data directory holds the port and the password). */
async function sql(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const dataDir = process.env.VIGIL_E2E_DATA_DIR!;
  const port = Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[3]);
  const pw = (await readFile(path.join(dataDir, "keys", "postgres-password"), "utf8")).trim();
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: pw, database: "vigil" });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
const dueNow = (objectType: string, id: number) =>
  sql("update sla_timers set due_at = now() where object_type = $1 and object_id = $2 and state = 'running'", [objectType, id]);

/** A `sleep` of the ssh test user, started outside Vigil: what the contain action terminates. */
async function sleeper(): Promise<{ pid: number; gone: Promise<unknown> }> {
  const su = spawn("su", ["-s", "/bin/sh", "-c", "exec sleep 600", SSH_TEST_USER], { stdio: "ignore" });
  sleepers.push(su);
  const gone = new Promise((resolve) => su.once("exit", resolve));
  for (let i = 0; i < 100; i++) {
    const found = await run("pgrep", ["-P", String(su.pid)]).then((r) => Number(r.stdout.trim().split("\n")[0]), () => 0);
    if (found) return { pid: found, gone };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the sleeper did not start");
}

async function signIn(page: Page, username: string): Promise<void> {
  await attemptSignIn(page, username, password);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible({ timeout: 60_000 });
}

async function terminate(request: APIRequestContext, eventId: number, pid: number): Promise<number> {
  const r = await request.post("/rest/action_run", {
    headers: { "ph-auth-token": analystToken },
    data: { action: "terminate process", container_id: eventId, targets: [{ assets: [asset], parameters: [{ ip_hostname: "127.0.0.1", pid }] }] },
  });
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as { action_run_id: number }).action_run_id;
}
const approvalOf = async (runId: number) => Number((await sql("select id from approvals where action_run_id = $1", [runId])).rows[0].id);

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(300_000);
  sshd = await startSshd();
  await Promise.all([[admin, "administrator"], [analyst, "analyst"], [owner, "asset_owner"], [secondary, "asset_owner"], [manager, "manager"]].map(([name, role]) =>
    cli(["user", "create", "--name", name!, "--role", role!, "--password", password])));
  adminToken = (await cli(["token", "create", "--user", admin, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  analystToken = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  const [ownerId, secondaryId] = await Promise.all([owner, secondary].map(async (u) => Number((await sql("select id from users where username = $1", [u])).rows[0].id)));
  await sql("update users set manager_id = (select id from users where username = $1) where username = any($2)", [manager, [owner, secondary, analyst]]);
  const res = await fetch(`${process.env.VIGIL_E2E_URL}/rest/asset`, {
    method: "POST", headers: { "ph-auth-token": adminToken, "content-type": "application/json" },
    body: JSON.stringify({
      name: asset, product_vendor: "Generic", product_name: "SSH",
      configuration: { ip_hostname: "127.0.0.1", port: sshd.port, username: sshd.user, password: sshd.password, timeout: 20 },
      approval_required_for: ["contain", "correct"], approval_sla_minutes: 30,
      primary_owners: [{ user: ownerId }], secondary_owners: [{ user: secondaryId }],
    }),
  });
  expect(res.status, await res.text()).toBe(200);
});

test.afterAll(async () => {
  for (const s of sleepers) s.kill("SIGKILL");
  await sshd?.stop();
});

test("a contain action waits for the asset owner, who approves it from the inbox; the analyst reads the result", async ({ page, request }) => {
  const eventId = await createEvent(request, adminToken, { name: "Miner on web-01", label: "events", severity: "high" });
  const target = await sleeper();
  const runId = await terminate(request, eventId, target.pid);

  await signIn(page, owner);
  const bell = page.getByRole("button", { name: /Notifications: [1-9]\d* unread/ });
  await bell.click();
  await page.getByRole("menuitem", { name: new RegExp(`Approval requested: terminate process on ${asset}`) }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  const card = page.locator("li[data-testid^=approval-]").filter({ hasText: asset }).filter({ hasText: String(target.pid) });
  await expect(card).toContainText("Miner on web-01");
  // Still alive: nothing runs before the approval.
  expect(await run("kill", ["-0", String(target.pid)]).then(() => true, () => false)).toBe(true);
  await page.screenshot({ path: `${shots}/approval-contain.png`, fullPage: true });
  await card.getByLabel("Comment").fill("confirmed with the web team");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(toast(page, "Approved: the action runs")).toBeVisible();
  await target.gone; // the process is terminated over SSH
  await signOut(page, owner);

  await signIn(page, analyst);
  await page.getByRole("button", { name: /Notifications: [1-9]\d* unread/ }).click();
  await page.getByRole("menuitem", { name: new RegExp(`terminate process approved by ${owner}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${eventId}$`));
  const runs = page.getByRole("region", { name: /Action runs/ });
  await expect(runs.getByRole("listitem").first()).toHaveAttribute("data-status", "success", { timeout: 60_000 });
  await page.screenshot({ path: `${shots}/approval-contain-result.png`, fullPage: true });
  expect(runId).toBeGreaterThan(0);
});

test("an unanswered request reaches the secondary owner, then breaches; a manager finds it on the SLA page and drills down", async ({ page, request }) => {
  const eventId = await createEvent(request, adminToken, { name: "Crypto miner on web-01 again", label: "events", severity: "high" });
  const target = await sleeper();
  const approvalId = await approvalOf(await terminate(request, eventId, target.pid));

  await dueNow("approval", approvalId);
  await expect.poll(async () => Number((await sql("select stage from approvals where id = $1", [approvalId])).rows[0].stage), { timeout: 60_000 }).toBe(2);
  await signIn(page, secondary);
  await page.getByRole("button", { name: /Notifications: [1-9]\d* unread/ }).click();
  await page.getByRole("menuitem", { name: new RegExp(`Approval escalated to you: terminate process on ${asset}`) }).click();
  await expect(page.locator("li[data-testid^=approval-]").filter({ hasText: String(target.pid) })).toContainText("Crypto miner on web-01 again");
  await signOut(page, secondary);

  // Nobody answers: the managers' stage runs out too and the approval breaches; so does the event's response SLA.
  await dueNow("approval", approvalId);
  await expect.poll(async () => Number((await sql("select stage from approvals where id = $1", [approvalId])).rows[0].stage), { timeout: 60_000 }).toBe(3);
  await dueNow("approval", approvalId);
  await dueNow("container", eventId);
  await expect.poll(async () => (await sql("select sla_breached from approvals where id = $1", [approvalId])).rows[0].sla_breached, { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => (await sql("select sla_breached from containers where id = $1", [eventId])).rows[0].sla_breached, { timeout: 60_000 }).toBe(true);

  // The clock's due time was moved in sla_timers only; the event's own due time follows it, as it does when a clock runs out on its own.
  await sql("update containers set due_time = now() at time zone 'utc' where id = $1", [eventId]);

  // This request has now waited two hours (the dashboard's 1–4 h); another, just asked, waits under an hour.
  await sql("update approvals set create_time = now() - interval '2 hours' where id = $1", [approvalId]);
  const fresh = await approvalOf(await terminate(request, eventId, 999_999));

  await signIn(page, manager);
  await page.goto("/sla");
  await expect(page.getByRole("link", { name: /^Breached [1-9][\d,]*/ })).toBeVisible();

  // The approvals figures open the inbox filtered to the approvals behind them, everyone's.
  const bucket = page.getByRole("list", { name: "Approvals waiting by age" }).getByRole("link", { name: /approvals waiting 1–4 h$/ });
  const inBucket = Number((await bucket.getAttribute("aria-label"))!.split(" ")[0]);
  expect(inBucket).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: `${shots}/sla-approvals-figures.png`, fullPage: true });
  await bucket.click();
  await expect(page).toHaveURL(/\/approvals\?status=pending&age=1h_4h&scope=all$/);
  await expect(page.getByLabel("Waiting for")).toHaveValue("1h_4h");
  const cards = page.locator("li[data-testid^=approval-]");
  await expect(cards).toHaveCount(inBucket);
  await expect(page.getByTestId(`approval-${approvalId}`)).toContainText("Crypto miner on web-01 again");
  await expect(page.getByTestId(`approval-${fresh}`)).toHaveCount(0);
  await page.screenshot({ path: `${shots}/approvals-filtered.png`, fullPage: true });
  await page.goto("/sla");
  const waiting = page.getByRole("link", { name: /^Approvals waiting [1-9]\d*/ });
  const allWaiting = Number((await waiting.locator("div").nth(1).textContent())!.replace(/,/g, ""));
  await waiting.click();
  await expect(page).toHaveURL(/\/approvals\?status=pending&scope=all$/);
  await expect(cards).toHaveCount(Math.min(allWaiting, 200));
  await expect(page.getByTestId(`approval-${approvalId}`)).toBeVisible();
  await expect(page.getByTestId(`approval-${fresh}`)).toBeVisible();
  await page.goto("/sla");
  await expect(page.getByRole("table", { name: "Longest overdue open events" }).getByRole("row").filter({ hasText: `#${eventId} Crypto miner on web-01 again` })).toBeVisible();
  await expect(page.getByRole("img", { name: /Events per day of arrival by SLA state/ })).toBeVisible();
  await expect(page.getByRole("img", { name: "Mean time to acknowledge and to resolve per week, in hours" })).toBeVisible();
  await page.screenshot({ path: `${shots}/sla-breached.png`, fullPage: true });
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe("figure,group,breached,at_risk,met,on_track,events,open_tasks,overdue_tasks,seconds,period_start");
  expect(csv).toMatch(/\r\nseverity,high,[1-9]\d*,/);
  const bad = await page.request.get("/api/sla/export?days=13");
  expect([bad.status(), await bad.text()]).toEqual([400, "days: one of 7, 30, 90"]);

  // Drill down from the figure: high severity's breached count opens the queue filtered to them, and the event is there.
  const high = page.getByRole("table", { name: "SLA by severity" }).getByRole("row").filter({ hasText: /^high/ });
  await high.getByRole("cell").nth(2).getByRole("link").click();
  await expect(page).toHaveURL(/\/events\?sla=breached&severity=high&from=/);
  await expect(page.getByLabel("SLA")).toHaveValue("breached");
  await page.screenshot({ path: `${shots}/sla-drilldown-queue.png`, fullPage: true });
  await page.locator(`a[href="/events/${eventId}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/events/${eventId}$`));
  await expect(page.getByRole("heading", { name: /Crypto miner on web-01 again/ })).toBeVisible();
});

test("a playbook's prompt answered in the inbox lets the playbook go on", async ({ page, request }) => {
  const eventId = await createEvent(request, adminToken, { name: "Suspicious login", label: "events" });
  const graph = {
    nodes: {
      "0": { id: "0", type: "start", data: { type: "start" } },
      "2": { id: "2", type: "prompt", data: { type: "prompt", name: "ask", approver: { role: "analyst" }, message: "Disable the account of {0}?", parameters: ["container:name"], responseTime: 30, responses: [{ prompt: "Disable?", type: "yes/no" }, { prompt: "Reason", type: "message" }] } },
      "3": { id: "3", type: "utility", data: { type: "utility", utility: "add_note", values: { title: "analyst said", content: "ask:action_result.summary.responses.1" } } },
      "1": { id: "1", type: "end", data: { type: "end" } },
    },
    edges: [{ source: "0", target: "2" }, { source: "2", target: "3" }, { source: "3", target: "1" }],
  };
  const pb = await request.post("/rest/playbook", { headers: { "ph-auth-token": adminToken }, data: { name: unique("ask analyst"), graph } });
  expect(pb.status(), await pb.text()).toBe(200);
  const started = await request.post("/rest/playbook_run", { headers: { "ph-auth-token": analystToken }, data: { container_id: eventId, playbook_id: ((await pb.json()) as { id: number }).id, scope: "all", run: true } });
  expect(started.status(), await started.text()).toBe(200);
  const runId = ((await started.json()) as { playbook_run_id: number }).playbook_run_id;

  await signIn(page, analyst);
  await page.getByRole("button", { name: /Notifications: [1-9]\d* unread/ }).click();
  await page.getByRole("menuitem", { name: /A playbook asks for your answer/ }).first().click();
  await expect(page).toHaveURL(/\/approvals$/);
  const card = page.locator("li[data-testid^=prompt-]").filter({ hasText: "Disable the account of Suspicious login?" });
  await card.getByLabel("Disable?").selectOption("Yes");
  await card.getByLabel("Reason").fill("impossible travel");
  await page.screenshot({ path: `${shots}/prompt-inbox.png`, fullPage: true });
  await card.getByRole("button", { name: "Answer" }).click();
  await expect(toast(page, "Answer sent: the playbook goes on")).toBeVisible();
  await expect.poll(async () => (await sql("select status from playbook_runs where id = $1", [runId])).rows[0].status, { timeout: 60_000 }).toBe("success");
  await page.goto(`/events/${eventId}`);
  await expect(page.getByText("impossible travel").first()).toBeVisible();
});

test("an administrator makes a business-hours calendar and a severity's response SLA counts in it, at risk from the severity's own share", async ({ page, request }) => {
  const name = unique("Paris office");
  await signIn(page, admin);
  await page.goto("/admin/sla");
  const form = page.getByRole("form", { name: "Calendar New calendar" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Time zone").fill("Mars/Olympus");
  await form.getByRole("button", { name: "Save calendar" }).click();
  await expect(toast(page, /not a time zone/)).toBeVisible();
  await form.getByLabel("Time zone").fill("Europe/Paris");
  await form.getByLabel("Monday hours").fill("09:00-12:00, 13:00-17:00");
  await form.getByLabel("Holidays (one date a line, e.g. 2026-12-25)").fill("2026-12-25\n2027-01-01");
  await form.getByRole("button", { name: "Save calendar" }).click();
  await expect(toast(page, `Calendar ${name} saved`)).toBeVisible();
  await expect(page.getByRole("form", { name: `Calendar ${name}` }).getByLabel("Monday hours")).toHaveValue("09:00-12:00, 13:00-17:00");

  await page.getByLabel("Calendar for medium").selectOption({ label: name });
  // Medium events are at risk from 60% of their SLA (the others keep the default).
  await expect(page.getByLabel("At risk at (% of the SLA) for medium")).toHaveAttribute("placeholder", /^\d+$/);
  await page.getByLabel("At risk at (% of the SLA) for medium").fill("60");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(toast(page, "SLA settings saved")).toBeVisible();
  expect((await sql("select at_risk_percent from severities where name = 'medium'")).rows[0].at_risk_percent).toBe(60);
  await page.reload();
  await expect(page.getByLabel("At risk at (% of the SLA) for medium")).toHaveValue("60");
  await page.screenshot({ path: `${shots}/sla-calendars.png`, fullPage: true });

  const calendarId = Number((await sql("select id from sla_calendars where name = $1", [name])).rows[0].id);
  expect((await sql("select sla_calendar_id from severities where name = 'medium'")).rows[0].sla_calendar_id).toBe(calendarId);
  const eventId = await createEvent(request, adminToken, { name: "Counts in office hours", label: "events", severity: "medium" });
  const { rows } = await sql(`select c.due_time = (vigil_business_add($2, c.create_time at time zone 'UTC', s.sla_minutes::bigint * 60000) at time zone 'UTC') as in_hours,
    t.calendar_id from containers c join severities s on s.name = c.severity join sla_timers t on t.object_type = 'container' and t.object_id = c.id where c.id = $1`, [eventId, calendarId]);
  expect(rows[0]).toEqual({ in_hours: true, calendar_id: calendarId });
  // The event's at-risk instant is 60% of its SLA in the calendar's hours: the clock's warning instant.
  const risk = await sql(`select c.risk_time = (t.risk_at at time zone 'UTC') as same, t.risk_at = vigil_risk_instant($2, t.running_since, t.budget_ms, 0, 0.6) as at60
    from containers c join sla_timers t on t.object_type = 'container' and t.object_id = c.id where c.id = $1`, [eventId, calendarId]);
  expect(risk.rows[0]).toEqual({ same: true, at60: true });
  await sql("update severities set sla_calendar_id = null, at_risk_percent = null where name = 'medium'");
});

test("a workbook task's suggested playbook runs on the event with one click", async ({ page, request }) => {
  const playbook = unique("enrich-sender");
  const graph = {
    nodes: {
      "0": { id: "0", type: "start", data: { type: "start" } },
      "2": { id: "2", type: "utility", data: { type: "utility", utility: "add_note", values: { title: "enriched", content: "sender checked" } } },
      "1": { id: "1", type: "end", data: { type: "end" } },
    },
    edges: [{ source: "0", target: "2" }, { source: "2", target: "1" }],
  };
  const pb = await request.post("/rest/playbook", { headers: { "ph-auth-token": adminToken }, data: { name: playbook, graph } });
  expect(pb.status(), await pb.text()).toBe(200);
  const label = unique("suggest");
  const t = await request.post("/rest/workbook_template", { headers: { "ph-auth-token": adminToken }, data: {
    name: unique("Suggested"), labels: [label], phases: [{ name: "Enrich", tasks: [{ name: "Check the sender", suggestions: { playbooks: [{ playbook, scm: "local" }] } }] }],
  } });
  expect(t.status(), await t.text()).toBe(200);
  const eventId = await createEvent(request, adminToken, { name: "Phish with a suggestion", label });

  await signIn(page, analyst);
  await page.goto(`/events/${eventId}`);
  await page.getByRole("button", { name: `Run playbook local/${playbook} for Check the sender` }).click();
  await expect(toast(page, `local/${playbook} started`)).toBeVisible();
  await expect.poll(async () => (await sql("select count(*)::int as n from notes where container_id = $1 and title = 'enriched'", [eventId])).rows[0].n, { timeout: 60_000 }).toBe(1);
  await page.screenshot({ path: `${shots}/task-suggested-playbook.png`, fullPage: true });
});
