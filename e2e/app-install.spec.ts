// Installing an app in the console: an administrator uploads a tarball that lacks its bundle
// (refused, naming index.js), then a good one, then its next version (upgraded); creates an
// asset of it, whose page offers Poll now for the app's on poll action, and polls.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import tar from "tar-stream";
import { expect, test } from "@playwright/test";
import { cli, signIn, toast, unique } from "./helpers";

const admin = unique("inst-adm");
const password = "e2e-password-123";
const appid = unique("e2e-feed");
const asset = unique("Feed");

const manifest = (version: string) => JSON.stringify({
  appid, name: `Feed ${appid}`, product_vendor: "E2E", product_name: `Feed ${appid}`, app_version: version,
  actions: [{ action: "on poll", identifier: "on_poll", type: "ingest", parameters: {} }],
});
const CODE = `module.exports = { actions: {
  on_poll: async (ctx) => {
    const saved = await ctx.saveContainer({ name: "feed item", source_data_identifier: ctx.asset.name + "-1" });
    return { status: "success", message: "saved container " + saved.id, data: [], summary: {} };
  },
} };`;

async function tgz(name: string, files: Record<string, string>): Promise<string> {
  const pack = tar.pack();
  for (const [file, content] of Object.entries(files)) pack.entry({ name: file }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "vigil-e2e-app-")), name);
  await writeFile(file, gzipSync(Buffer.concat(chunks)));
  return file;
}

test.beforeAll(async () => {
  await cli(["user", "create", "--name", admin, "--role", "administrator", "--password", password]);
});

test("an administrator installs, upgrades and polls with an app from a tarball", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, admin, password);
  await page.goto("/apps");
  const upload = page.getByRole("form", { name: "Install an app" });

  await upload.getByLabel("Install or upgrade an app").setInputFiles(await tgz("broken.tgz", { "manifest.json": manifest("1.0.0") }));
  await upload.getByRole("button", { name: "Install", exact: true }).click();
  await expect(upload.getByRole("alert")).toHaveText("index.js: missing (the app's JavaScript bundle, whose default export is { actions })");

  await upload.getByLabel("Install or upgrade an app").setInputFiles(await tgz("feed-1.tgz", { "manifest.json": manifest("1.0.0"), "index.js": CODE }));
  await upload.getByRole("button", { name: "Install", exact: true }).click();
  await expect(toast(page, `Feed ${appid} 1.0.0 installed`)).toBeVisible();
  await upload.getByLabel("Install or upgrade an app").setInputFiles(await tgz("feed-2.tgz", { "manifest.json": manifest("2.0.0"), "index.js": CODE }));
  await upload.getByRole("button", { name: "Install", exact: true }).click();
  await expect(toast(page, `Feed ${appid} upgraded from 1.0.0 to 2.0.0`)).toBeVisible();
  const row = page.getByRole("table", { name: "Apps" }).getByRole("row").filter({ hasText: `Feed ${appid}` });
  await expect(row).toContainText("2.0.0");
  await page.screenshot({ path: "test-results/screenshots/app-install.png", fullPage: true });

  await row.getByRole("link", { name: `Feed ${appid}` }).click();
  await page.getByRole("link", { name: "New asset" }).click();
  await page.getByLabel("Name", { exact: true }).fill(asset);
  await page.getByLabel("Label for new containers").fill("feed");
  await page.getByRole("button", { name: "Create asset" }).click();
  await expect(page.getByRole("heading", { name: asset })).toBeVisible();
  await page.getByRole("button", { name: "Poll now" }).click();
  await expect(page.getByTestId("poll-result")).toContainText(/success\s*saved container \d+/, { timeout: 30_000 });
  await page.screenshot({ path: "test-results/screenshots/asset-poll-now.png", fullPage: true });
});
