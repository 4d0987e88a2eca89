// SOAR playbook import and export over REST (POST /rest/import_playbook as SOAR takes it, GET
// /rest/playbook/<id>/export) and with the `vigil playbook` command, on the 60-fixture set's files.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { soarArchiveFiles } from "@/lib/domain/soar-import";
import { type Client, restUrl, tarOf, tokenClient } from "@/lib/rest/rest-test-kit";
import { runVigil } from "@/lib/testing/cli";

const DIR = path.resolve(process.cwd(), "../shared/fixtures/soar-playbooks");
const read = (f: string) => readFile(path.join(DIR, f));

let admin: Client;
let observer: Client;
beforeAll(async () => {
  admin = await tokenClient("administrator");
  observer = await tokenClient("observer");
});

describe("POST /rest/import_playbook and GET /rest/playbook/<id>/export", () => {
  it("imports a SOAR export tar with its report and exports it byte for byte", async () => {
    const json = await read("VirusTotal_v3_Identifier_Reputation_Analysis.json");
    const py = await read("VirusTotal_v3_Identifier_Reputation_Analysis.py");
    const archive = gzipSync(await tarOf({ "VirusTotal_v3_Identifier_Reputation_Analysis/VirusTotal_v3_Identifier_Reputation_Analysis.json": json, "VirusTotal_v3_Identifier_Reputation_Analysis/VirusTotal_v3_Identifier_Reputation_Analysis.py": py }));
    const res = await admin.call("POST", "/rest/import_playbook", { playbook: archive.toString("base64"), scm: "rest_test", force: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, playbooks: [{ name: "VirusTotal_v3_Identifier_Reputation_Analysis", scm: "rest_test", created: true, import_report: { assetsToCreate: expect.any(Array), unboundActions: expect.any(Array) } }] });
    const id = res.body.playbook_id as number;
    const exp = await fetch(restUrl(`/rest/playbook/${id}/export`), { headers: admin.headers });
    expect(exp.status).toBe(200);
    expect(exp.headers.get("content-type")).toBe("application/gzip");
    const back = await soarArchiveFiles(Buffer.from(await exp.arrayBuffer()));
    expect(back.map((f) => [f.name, f.json.equals(json), f.py.equals(py)])).toEqual([["VirusTotal_v3_Identifier_Reputation_Analysis", true, true]]);
    // Again without force: refused; with force (as SOAR's string): a new version.
    expect((await admin.call("POST", "/rest/import_playbook", { playbook: archive.toString("base64"), scm: "rest_test" })).status).toBe(409);
    const forced = await admin.call("POST", "/rest/import_playbook", { playbook: archive.toString("base64"), scm: "rest_test", force: "true" });
    expect(forced.body).toMatchObject({ playbooks: [{ created: false, version: 2 }] });
  });

  it("refuses bad archives with a message, and callers without the right", async () => {
    expect(await admin.call("POST", "/rest/import_playbook", { playbook: "!!!" })).toMatchObject({ status: 400, body: { message: "playbook: not base64" } });
    const noPy = await tarOf({ "x.json": Buffer.from("{}") });
    expect(await admin.call("POST", "/rest/import_playbook", { playbook: noPy.toString("base64") })).toMatchObject({ status: 400, body: { message: "playbook: the archive holds x.json but not x.py" } });
    expect((await admin.call("POST", "/rest/import_playbook", {})).status).toBe(400);
    expect((await observer.call("POST", "/rest/import_playbook", { playbook: noPy.toString("base64") })).status).toBe(403);
    expect((await admin.call("GET", "/rest/playbook/999999/export")).status).toBe(404);
  });
});

describe("vigil playbook import / export", () => {
  it("imports a .json/.py pair with its report, refuses it again without --force, and exports it identically", async () => {
    const json = path.join(DIR, "AD_LDAP_Account_Unlocking.json");
    const py = path.join(DIR, "AD_LDAP_Account_Unlocking.py");
    // The tests share one database: another file may have created the asset this playbook names.
    const assetExists = (await db.asset.count({ where: { name: "microsoft ad ldap" } })) > 0;
    const first = await runVigil(["playbook", "import", "--scm", "cli_test", json, py]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(assetExists
      ? /^imported cli_test\/AD_LDAP_Account_Unlocking \(id \d+, version 1\): 0 unbound actions, 0 assets to create, 0 custom functions missing, 0 dangling datapaths\n$/
      : /^imported cli_test\/AD_LDAP_Account_Unlocking \(id \d+, version 1\): 0 unbound actions, 1 assets to create, 0 custom functions missing, 0 dangling datapaths\n {2}asset to create: "microsoft ad ldap" \(AD LDAP\)\n$/);
    const again = await runVigil(["playbook", "import", "--scm", "cli_test", json, py]);
    expect([again.code, again.stderr]).toEqual([1, "vigil: a playbook named cli_test/AD_LDAP_Account_Unlocking exists; import with force to replace it\n"]);
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "vigil-export-")), "pb.tgz");
    const exported = await runVigil(["playbook", "export", "--name", "AD_LDAP_Account_Unlocking", "--scm", "cli_test", "--out", out]);
    expect(exported.code).toBe(0);
    const back = await soarArchiveFiles(await readFile(out));
    expect([back[0]!.json.equals(await readFile(json)), back[0]!.py.equals(await readFile(py))]).toEqual([true, true]);
    expect((await runVigil(["playbook", "import", json])).code).toBe(2);
  }, 120_000);
});

describe("GET /rest/playbook?_filter_name", () => {
  it("finds an imported playbook by its file's base name, as SOAR scripts look playbooks up", async () => {
    const name = "Azure_AD_Account_Unlocking";
    const scm = `filter_${Date.now().toString(36)}`;
    const archive = gzipSync(await tarOf({ [`${name}/${name}.json`]: await read(`${name}.json`), [`${name}/${name}.py`]: await read(`${name}.py`) }));
    const imported = await admin.call("POST", "/rest/import_playbook", { playbook: archive.toString("base64"), scm });
    expect(imported.status).toBe(200);
    const found = await observer.call("GET", `/rest/playbook?_filter_name=${encodeURIComponent(`"${name}"`)}&_filter_scm=${encodeURIComponent(`"${scm}"`)}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ count: 1, data: [{ id: imported.body.playbook_id, name, scm, playbook_type: "data", input_spec: [expect.objectContaining({ name: "user" })] }] });
    // By name alone: this import is among them (other files may import the same fixture into other repositories).
    const byName = await observer.call("GET", `/rest/playbook?_filter_name=${encodeURIComponent(`"${name}"`)}&page_size=0`);
    expect(byName.body.data.map((p: { id: number }) => p.id)).toContain(imported.body.playbook_id);
    const none = await observer.call("GET", `/rest/playbook?_filter_name=${encodeURIComponent(`"${name}.json"`)}&_filter_scm=${encodeURIComponent(`"${scm}"`)}`);
    expect(none.body).toMatchObject({ count: 0, data: [] });
  }, 60_000);
});
