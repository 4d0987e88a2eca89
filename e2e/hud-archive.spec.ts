// HUD pins in the investigation header (added by a playbook through /rest/container_pin, unpinned
// by the analyst) and a container's export downloaded from the console and imported back.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { cli, createEvent, signIn, unique } from "./helpers";

const analyst = unique("hud");
const password = "e2e-password-123";
let token = "";
let eventId = 0;

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  token = (await cli(["token", "create", "--user", analyst, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  eventId = await createEvent(request, token, {
    name: `Pinned ${analyst}`, label: "email", severity: "high", source_data_identifier: unique("hud-sdi"),
    artifacts: [{ name: "mail", cef: { fromEmail: "eve@bad.example" } }],
  });
  for (const pin of [
    { message: "Risk score", data: "87", pin_type: "manual card", pin_style: "red" },
    { message: "VIP user", data: "alice@example.test", pin_type: "data", pin_style: "blue", order: 1 },
  ]) {
    const res = await request.post("/rest/container_pin", { headers: { "ph-auth-token": token }, data: { container_id: eventId, ...pin } });
    expect(res.status(), await res.text()).toBe(200);
  }
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test("an analyst sees the HUD pins, unpins one, exports the event and imports it back", async ({ page, request }) => {
  await signIn(page, analyst, password);
  await page.goto(`/events/${eventId}`);
  const hud = page.getByRole("region", { name: "Pinned" });
  await expect(hud.getByTestId("hud-pin")).toHaveCount(2);
  await expect(hud.getByTestId("hud-pin").first()).toContainText("Risk score");
  await expect(hud.getByTestId("hud-pin").first()).toContainText("87");
  await shoot(page, "hud-pins");

  await hud.getByRole("button", { name: "Unpin VIP user" }).click();
  await expect(hud.getByTestId("hud-pin")).toHaveCount(1);
  const pins = await request.get(`/rest/container/${eventId}/pins`, { headers: { "ph-auth-token": token } });
  expect(((await pins.json()) as { count: number }).count).toBe(1);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`container-${eventId}.tar`);
  const tarPath = test.info().outputPath("export.tar");
  await download.saveAs(tarPath);
  expect((await readFile(tarPath)).subarray(257, 262).toString()).toBe("ustar");

  // Importing it while the original is here is a duplicate; the message links to the original.
  await page.goto("/events");
  await page.getByLabel("Event archive to import").setInputFiles(tarPath);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not imported" })).toContainText(`here already as #${eventId}`);

  await cli(["user", "create", "--name", `${analyst}-adm`, "--role", "administrator", "--password", password]);
  const adminToken = (await cli(["token", "create", "--user", `${analyst}-adm`, "--label", "e2e"])).trim().split("\n").pop()!.trim();
  expect((await request.delete(`/rest/container/${eventId}`, { headers: { "ph-auth-token": adminToken } })).status()).toBe(200);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/events\/\d+$/);
  expect(page.url()).not.toMatch(new RegExp(`/events/${eventId}$`));
  await expect(page.getByRole("heading", { name: `Pinned ${analyst}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Pinned" }).getByTestId("hud-pin")).toHaveCount(1);
  await shoot(page, "imported-event");
});
