import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { manifestSchema, secretFields } from "../schemas/app-manifest";
import { BUILTIN_DIR, loadAppFolder, loadAppFolders } from "./registry";

const SOAR_APPS = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "fixtures", "soar-apps");

describe("app manifests", () => {
  it("accepts every real SOAR app manifest in the fixtures", async () => {
    const files = (await readdir(SOAR_APPS)).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const parsed = manifestSchema.safeParse(JSON.parse(await readFile(path.join(SOAR_APPS, f), "utf8")));
      expect(parsed.success, `${f}: ${parsed.error?.issues[0]?.message}`).toBe(true);
    }
  });

  it("loads the built-in apps without errors", async () => {
    const apps = await loadAppFolders(BUILTIN_DIR);
    expect(apps.map((a) => [a.directory, a.error])).toContainEqual(["http", null]);
    for (const app of apps) expect(app.error, app.directory).toBeNull();
    const http = apps.find((a) => a.directory === "http")!;
    expect(secretFields(http.manifest!)).toEqual(["auth_token", "password"]);
  });

  it("reports a bad manifest with the field at fault instead of throwing", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "vigil-apps-"));
    await cp(path.join(BUILTIN_DIR, "http"), path.join(root, "good"), { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(root, "good", "manifest.json"), "utf8"));
    const write = async (dir: string, body: string) => {
      await mkdir(path.join(root, dir), { recursive: true });
      await writeFile(path.join(root, dir, "manifest.json"), body);
      await writeFile(path.join(root, dir, "index.ts"), "export default { actions: {} };\n");
    };
    const badType = structuredClone(manifest);
    badType.actions[1].type = "explode";
    await write("bad-type", JSON.stringify(badType));
    const badParam = structuredClone(manifest);
    badParam.actions[1].parameters.location.data_type = "text";
    await write("bad-param", JSON.stringify(badParam));
    await write("not-json", "{ nope");
    const { appid: _appid, ...noAppid } = manifest;
    await write("no-appid", JSON.stringify(noAppid));
    const dup = structuredClone(manifest);
    dup.actions[2].identifier = dup.actions[1].identifier;
    await write("dup", JSON.stringify(dup));

    const byDir = Object.fromEntries((await loadAppFolders(root)).map((a) => [a.directory, a.error]));
    expect(byDir.good).toBeNull();
    expect(byDir["bad-type"]).toMatch(/^manifest\.json: actions\[1\]\.type: /);
    expect(byDir["bad-param"]).toMatch(/^manifest\.json: actions\[1\]\.parameters\.location\.data_type: /);
    expect(byDir["not-json"]).toMatch(/^manifest\.json: not valid JSON/);
    expect(byDir["no-appid"]).toMatch(/^manifest\.json: appid: /);
    expect(byDir.dup).toMatch(/duplicate identifier http_get/);
    expect((await loadAppFolder(root, "missing")).error).toBe("manifest.json: missing");
  });
});
