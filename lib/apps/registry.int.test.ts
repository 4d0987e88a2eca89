// The registry against the database: a bad manifest is recorded with the field at fault and its
// app stays disabled (assets cannot be made for it); fixing the manifest brings it back.
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { SYSTEM } from "../domain/actor";
import { createAsset } from "../domain/assets";
import { unique } from "../rest/rest-test-kit";
import { BUILTIN_DIR, syncBuiltinApps } from "./registry";

describe("syncBuiltinApps", () => {
  it("keeps a broken app disabled with its error, never throwing, and re-enables it once fixed", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "vigil-apps-"));
    const dir = unique("web");
    await cp(path.join(BUILTIN_DIR, "http"), path.join(root, dir), { recursive: true });
    const file = path.join(root, dir, "manifest.json");
    const good = JSON.parse(await readFile(file, "utf8"));
    const bad = { ...good, appid: `${good.appid}-${dir}`, name: dir, actions: [{ ...good.actions[0], type: "explode" }] };
    await writeFile(file, JSON.stringify(bad));

    await syncBuiltinApps(root);
    const row = await db.app.findUniqueOrThrow({ where: { directory: dir } });
    expect(row).toMatchObject({ enabled: false, name: dir });
    expect(row.error).toMatch(/^manifest\.json: actions\[0\]\.type: /);
    await expect(createAsset({ name: unique("a"), app_id: row.id, configuration: { base_url: "http://x" } }, SYSTEM)).rejects.toThrow(/is disabled \(manifest\.json: actions\[0\]\.type/);

    await writeFile(file, JSON.stringify({ ...good, appid: `${good.appid}-${dir}`, name: dir }));
    await syncBuiltinApps(root);
    expect(await db.app.findUniqueOrThrow({ where: { directory: dir } })).toMatchObject({ enabled: true, error: null });

    // A second folder claiming an installed app's appid is the broken one.
    await writeFile(file, JSON.stringify({ ...good, name: dir }));
    await syncBuiltinApps(root);
    expect((await db.app.findUniqueOrThrow({ where: { directory: dir } })).error).toMatch(/appid: .* is already used by app "http"/);
    expect(await db.app.findUniqueOrThrow({ where: { directory: "http" } })).toMatchObject({ enabled: true, error: null });
  });
});
