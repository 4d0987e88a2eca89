// `/rest/scm` as SOAR clients use it: look a repository's id up by name, then list its playbooks
// with `_filter_scm=<id>` (the community playbooks_list custom function does exactly this).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, tarOf, tokenClient } from "@/lib/rest/rest-test-kit";

const DIR = path.resolve(process.cwd(), "../shared/fixtures/soar-playbooks");
const NAME = "VirusTotal_v3_Identifier_Reputation_Analysis";
const scm = `scm_test_${Date.now().toString(36)}`;

let admin: Client;
let observer: Client;
let playbookId: number;
beforeAll(async () => {
  admin = await tokenClient("administrator");
  observer = await tokenClient("observer");
  const [json, py] = await Promise.all([".json", ".py"].map((ext) => readFile(path.join(DIR, NAME + ext))));
  const archive = gzipSync(await tarOf({ [`${NAME}.json`]: json!, [`${NAME}.py`]: py! }));
  const res = await admin.call("POST", "/rest/import_playbook", { playbook: archive.toString("base64"), scm });
  expect(res.status).toBe(200);
  playbookId = res.body.playbook_id as number;
});

describe("/rest/scm", () => {
  it("gives a new repository an id that finds its playbooks, as playbooks_list looks them up", async () => {
    const found = await observer.call("GET", `/rest/scm?_filter_name="${scm}"`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ count: 1, data: [{ name: scm, type: "local", read_only: false }] });
    const id = found.body.data[0].id as number;
    expect((await observer.call("GET", `/rest/scm/${id}`)).body).toMatchObject({ id, name: scm });

    const byId = await observer.call("GET", `/rest/playbook?_filter_scm=${id}&page_size=0`);
    expect(byId.status).toBe(200);
    expect(byId.body.data.map((p: { id: number }) => p.id)).toEqual([playbookId]);
    expect(byId.body.data[0]).toMatchObject({ name: NAME, scm, scm_id: id, _pretty_scm: scm, disabled: false });
    // Vigil's own form, the repository's name, still works.
    const byName = await observer.call("GET", `/rest/playbook?_filter_scm="${scm}"`);
    expect(byName.body.data.map((p: { id: number }) => p.id)).toEqual([playbookId]);
  });

  it("lists the built-in repositories and answers 404 for an unknown id", async () => {
    const all = await observer.call("GET", `/rest/scm?_filter_name__in=["local", "community"]`);
    expect(all.body.data.map((r: { name: string }) => r.name).sort()).toEqual(["community", "local"]);
    expect((await observer.call("GET", "/rest/scm/999999999")).status).toBe(404);
  });

  it("filters playbooks by tags as playbooks_list does", async () => {
    const tags = (list: string[]) => observer.call("GET", `/rest/playbook?_filter_scm="${scm}"&_filter_tags__contains=${encodeURIComponent(JSON.stringify(list))}`);
    expect((await tags(["reputation", "VirusTotal_v3"])).body.data.map((p: { id: number }) => p.id)).toEqual([playbookId]);
    expect((await tags(["reputation", "no-such-tag"])).body.count).toBe(0);
  });
});
