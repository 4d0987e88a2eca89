// The phishing mailbox as an administrator sets it up in the console: Debian's dovecot started
// by this test holds a phishing mail (delivered with Dovecot's own dovecot-lda), the IMAP asset
// is created with the generated form, "Poll now" runs the app's on poll through the worker, and
// the new event opens from the queue with its artifacts.
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { expect, test } from "@playwright/test";
import { startDovecot, type Dovecot } from "../lib/testing/dovecot";
import { adminPassword, signIn, unique } from "./helpers";

let dovecot: Dovecot;
test.beforeAll(async () => {
  dovecot = await startDovecot();
});
test.afterAll(async () => dovecot?.stop());

test("an administrator configures an IMAP asset, presses Poll now and opens the event it made", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = unique("poll");
  const subject = `Your mailbox ${tag} is full`;
  const raw = await new MailComposer({
    from: "it-support@micros0ft-help.example", to: dovecot.user, subject, messageId: `<${tag}@micros0ft-help.example>`,
    text: `Click https://micros0ft-help.example/upgrade/${tag} to keep your mail.`,
  }).compile().build();
  await dovecot.deliver(raw, "it-support@micros0ft-help.example");

  await signIn(page, "admin", adminPassword());
  await page.goto("/apps");
  await page.getByRole("link", { name: "IMAP", exact: true }).click();
  await page.getByRole("link", { name: "New asset" }).click();
  const asset = unique("phish-mailbox");
  await page.getByLabel("Name", { exact: true }).fill(asset);
  await page.getByLabel("server (required)").fill("127.0.0.1");
  await page.getByLabel("username (required)").fill(dovecot.user);
  await page.getByLabel("password", { exact: true }).fill(dovecot.password);
  await page.getByLabel("port", { exact: true }).fill(String(dovecot.port));
  await page.getByLabel("folder", { exact: true }).fill("INBOX");
  await page.getByLabel("processed folder").fill("Processed");
  await page.getByLabel("use ssl").uncheck();
  await page.getByLabel("verify server cert").uncheck();
  await page.getByLabel("Label for new containers").fill("phishing");
  await page.getByRole("button", { name: "Create asset" }).click();
  await expect(page.getByRole("heading", { name: asset })).toBeVisible();

  await page.getByRole("button", { name: "Poll now" }).click();
  await expect(page.getByTestId("poll-result")).toContainText("success", { timeout: 60_000 });
  await page.screenshot({ path: "test-results/screenshots/imap-poll-now.png", fullPage: true });

  await page.goto("/events");
  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await expect(page.getByText(`https://micros0ft-help.example/upgrade/${tag}`).first()).toBeVisible();
  await expect(page.getByText("it-support@micros0ft-help.example").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/imap-polled-event.png", fullPage: true });
});
