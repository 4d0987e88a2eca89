// The inbound webhooks page as an administrator uses it: create one with a mapping and a
// generated signing secret (shown once), copy its URL and curl example, deliver a signed alert
// to that URL as a tool would, see the event it made, rotate the URL, delete the webhook.
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminPassword, signIn, toast, unique } from "./helpers";

test("an administrator creates a signed webhook, a delivery to its URL becomes an event, rotation and deletion stop the old URL", async ({ page, request }) => {
  const name = unique("siem");
  await signIn(page, "admin", adminPassword());
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Inbound webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Inbound webhooks" })).toBeVisible();

  // A broken mapping is refused with the reason, and what was typed stays.
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel(/Field mapping/).fill('{"container": {"name": "$.title"}, "cef": {"sourceAddress": "$..ip"}}');
  await page.getByRole("button", { name: "Create webhook" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /mapping\.cef\.sourceAddress: .*expected a field name/ })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);

  await page.getByLabel(/Field mapping/).fill('{"container": {"name": "$.title", "source_data_identifier": "$.id"}, "cef": {"sourceAddress": "$.src_ip"}}');
  await page.getByLabel(/Signature header/).fill("X-Signature-256");
  await page.getByRole("button", { name: "Create webhook" }).click();
  await expect(toast(page, "Webhook created")).toBeVisible();
  const secret = (await page.getByTestId("secret-once").textContent())!;
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const card = page.locator(`[data-webhook="${name}"]`);
  const url = (await card.getByTestId("webhook-url").textContent())!;
  expect(url).toMatch(/^http:\/\/[^/]+\/api\/webhooks\/[A-Za-z0-9_-]{43}$/);
  await card.getByText("Mapping and curl example").click();
  await expect(card.getByTestId("webhook-curl")).toContainText(`X-Signature-256: sha256=$SIG`);
  await expect(card.getByTestId("webhook-curl")).toContainText(url);
  await page.screenshot({ path: "/tmp/pack-shots/webhooks.png", fullPage: true });

  // A tool delivers a signed alert; it becomes an event the analyst can open.
  const body = JSON.stringify({ id: unique("alert"), title: `Brute force from ${name}`, src_ip: "198.51.100.23" });
  const delivered = await request.post(url, { headers: { "content-type": "application/json", "x-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` }, data: body });
  expect(delivered.status()).toBe(201);
  const { id } = await delivered.json();
  await page.goto(`/events/${id}`);
  await expect(page.getByRole("heading", { name: `Brute force from ${name}` })).toBeVisible();
  await expect(page.getByText("198.51.100.23").first()).toBeVisible();

  // Rotate: the page shows a new URL and the old one answers 404.
  await page.goto("/admin/webhooks");
  await card.getByRole("button", { name: "Rotate URL" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Rotate URL" }).click();
  await expect(toast(page, `New URL for ${name}`)).toBeVisible();
  await expect(card.getByTestId("webhook-url")).not.toHaveText(url);
  expect((await request.post(url, { data: body, headers: { "content-type": "application/json" } })).status()).toBe(404);

  await card.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete webhook" }).click();
  await expect(toast(page, `Webhook ${name} deleted`)).toBeVisible();
  await expect(card).toHaveCount(0);
});
