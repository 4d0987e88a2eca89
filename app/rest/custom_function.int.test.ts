// `/rest/custom_function` as SOAR has it: create from SOAR's fields or an export archive, list with
// filters, read one with its code; bad input answers 400 naming the field and saves nothing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type Client, tarOf, tokenClient } from "@/lib/rest/rest-test-kit";

const DIR = path.resolve(process.cwd(), "../shared/fixtures/soar-custom-functions");
const repo = `cf_rest_${Date.now().toString(36)}`;

let admin: Client;
let observer: Client;
beforeAll(async () => {
  admin = await tokenClient("administrator");
  observer = await tokenClient("observer");
});

describe("/rest/custom_function", () => {
  it("imports a SOAR export archive, lists it by name and repository, and returns its code", async () => {
    const [json, py] = await Promise.all(["artifact_create.json", "artifact_create.py"].map((f) => readFile(path.join(DIR, f))));
    const archive = gzipSync(await tarOf({ "artifact_create/artifact_create.json": json!, "artifact_create/artifact_create.py": py! }));
    const res = await admin.call("POST", "/rest/custom_function", { custom_function: archive.toString("base64"), scm: repo });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, custom_functions: [{ name: "artifact_create", scm: repo }] });
    const id = res.body.id as number;

    const list = await observer.call("GET", `/rest/custom_function?_filter_name="artifact_create"&_filter_scm="${repo}"`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 1, data: [{ id, name: "artifact_create", scm: repo, language: "python" }] });
    const one = await observer.call("GET", `/rest/custom_function/${id}`);
    expect(one.body).toMatchObject({ id, name: "artifact_create", python: py!.toString("utf8") });
  });

  it("creates from SOAR's fields and replaces the same name in place", async () => {
    const python = (v: number) => `def shout(text=None, **kwargs):\n    return {"value": str(text).upper() * ${v}}\n`;
    const first = await admin.call("POST", "/rest/custom_function", { name: "shout", python: python(1), description: "upper case", scm_id: repo, draft_mode: false });
    expect(first.status).toBe(200);
    const again = await admin.call("POST", "/rest/custom_function", { name: "shout", python: python(2), scm: repo });
    expect(again.body.id).toBe(first.body.id);
    expect((await admin.call("GET", `/rest/custom_function/${first.body.id as number}`)).body).toMatchObject({ python: python(2), scm: repo });
  });

  it("refuses what it cannot save with a 400 saying what is wrong, and saves nothing", async () => {
    const before = await db.customFunction.count();
    for (const [body, field] of [
      [{ name: "nocode", scm: repo }, "python"],
      [{ python: "def x():\n  pass\n", scm: repo }, "name"],
      [{ name: "mismatch", python: "def other():\n  pass\n", scm: repo }, "does not define mismatch()"],
      [{ name: "numeric", python: "def numeric():\n  pass\n", scm_id: 2 }, "scm_id"],
      [{ custom_function: "%%%" }, "custom_function"],
      [{ custom_function: Buffer.from("not a tar at all").toString("base64") }, "playbook"],
    ] as const) {
      const res = await admin.call("POST", "/rest/custom_function", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect(await db.customFunction.count()).toBe(before);
    expect((await observer.call("POST", "/rest/custom_function", { name: "x", python: "def x():\n  pass\n" })).status).toBe(403);
  });
});
