// Email notifications through the SMTP app, against a real SMTP server on loopback (npm
// smtp-server) and the running `vigil start`'s worker: an administrator names an SMTP asset; a
// task assigned to a user who wants such mail arrives with the notification's subject, body and
// link, as plain text and as HTML (everything in it escaped, the link a button); a user who opted
// out of that kind gets none (the bell still has it).
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { waitFor } from "@/lib/testing/action-kit";
import { freePort } from "@/lib/testing/ports";
import { SYSTEM } from "./actor";
import { notificationSettings, saveNotificationSettings, setEmailPreferences } from "./notification-email";
import { createUser } from "./users";

const mail: { to: string[]; parsed: ParsedMail }[] = [];
let smtp: SMTPServer;
let admin: Client;
let before: Awaited<ReturnType<typeof notificationSettings>>;
const mailTo = (address: string) => mail.filter((m) => m.to.includes(address));

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        mail.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((r) => smtp.listen(port, "127.0.0.1", r));
  admin = await tokenClient("administrator");
  const asset = await admin.call("POST", "/rest/asset", {
    name: unique("mail relay"), product_vendor: "Generic", product_name: "SMTP",
    configuration: { server: "127.0.0.1", port, ssl_config: "None", sender_address: "vigil@soc.test" },
  });
  expect(asset.status, JSON.stringify(asset.body)).toBe(200);
  before = await notificationSettings();
  await saveNotificationSettings({ smtpAssetId: asset.body.id, atRiskPercent: before.atRiskPercent }, SYSTEM);
});
afterAll(async () => {
  // Other test files share the database: email goes back to how it was.
  await saveNotificationSettings({ smtpAssetId: before?.smtpAssetId ?? null, atRiskPercent: before?.atRiskPercent ?? 80 }, SYSTEM);
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe("email notifications", () => {
  it("mails a task assignment to the user who wants it, and none to one who opted out", async () => {
    const wants = await createUser({ username: unique("wants"), role: "analyst", password: "correct horse battery", email: `${unique("wants")}@corp.test` }, SYSTEM);
    const quiet = await createUser({ username: unique("quiet"), role: "analyst", password: "correct horse battery", email: `${unique("quiet")}@corp.test` }, SYSTEM);
    await setEmailPreferences(quiet.user.id, { email: quiet.user.email!, optOut: ["task_assigned", "mention"] }, SYSTEM);
    const label = unique("mailed");
    expect((await admin.call("POST", "/rest/workbook_template", { name: unique("mail wb"), labels: [label], phases: [{ name: "Triage", tasks: [{ name: "Read the <b>headers</b> & \"links\"" }, { name: "Call the user" }] }] })).status).toBe(200);
    const c = await admin.call("POST", "/rest/container", { name: unique("phish"), label });
    const tasks = await db.workbookTask.findMany({ where: { containerId: c.body.id }, orderBy: { order: "asc" } });
    expect((await admin.call("POST", `/rest/workbook_task/${tasks[0]!.id}`, { owner_id: wants.user.id })).status).toBe(200);
    expect((await admin.call("POST", `/rest/workbook_task/${tasks[1]!.id}`, { owner_id: quiet.user.id })).status).toBe(200);

    const [got] = await waitFor("the mail to the user who wants it", async () => mailTo(wants.user.email!).length ? mailTo(wants.user.email!) : null, 60_000, 200);
    expect(got!.parsed.subject).toBe('[Vigil] Task assigned to you: Read the <b>headers</b> & "links"');
    expect(got!.parsed.from?.value[0]?.address).toBe("vigil@soc.test");
    // Two parts: the plain text, and an HTML page saying the same with the link as a button.
    expect(got!.parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    expect(got!.parsed.text).toContain(`by ${admin.username}`);
    expect(got!.parsed.text).toContain(`/events/${c.body.id}#workbook`);
    const html = got!.parsed.html as string;
    expect(html).toContain('<h1 style="margin:0 0 16px;font-size:18px;line-height:1.4">Task assigned to you: Read the &lt;b&gt;headers&lt;/b&gt; &amp; &quot;links&quot;</h1>');
    expect(html).not.toContain("<b>headers");
    expect(html).toContain(`by ${admin.username}`);
    expect(html).toMatch(new RegExp(`<a href="[^"]*/events/${c.body.id}#workbook"[^>]*>Open in Vigil</a>`));
    const sent = await db.notification.findFirstOrThrow({ where: { userId: wants.user.id, kind: "task_assigned" } });
    expect(sent).toMatchObject({ emailState: "queued" });
    const run = await admin.call("GET", `/rest/action_run/${sent.actionRunId}`);
    expect(run.body).toMatchObject({ action: "send htmlemail", status: "success" });

    // The opted-out user has the notification in the bell, and no mail, ever: its row was never
    // marked for email, and the worker has had time to send the other one.
    const kept = await db.notification.findFirstOrThrow({ where: { userId: quiet.user.id, kind: "task_assigned" } });
    expect(kept.emailState).toBeNull();
    await new Promise((r) => setTimeout(r, 3000));
    expect(mailTo(quiet.user.email!)).toHaveLength(0);
    expect(mailTo(wants.user.email!)).toHaveLength(1);
  });

  it("refuses an asset that cannot send email, with a message", async () => {
    await expect(saveNotificationSettings({ smtpAssetId: 2_000_000_000, atRiskPercent: 80 }, SYSTEM)).rejects.toThrow(/smtp_asset_id: asset 2000000000 is not an enabled asset of an app that sends email/);
    await expect(setEmailPreferences(1, { email: "", optOut: ["nonsense"] }, SYSTEM)).rejects.toThrow(/opt_out: no notification kind "nonsense"/);
  });
});
