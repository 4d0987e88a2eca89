// phantom.requests and build_phantom_rest_url: a SOAR Python playbook reaches Vigil's own REST API
// (the running `vigil start` of the test setup) as the run's user, and nothing else.
import { describe, expect, it, inject } from "vitest";
import { db } from "../../db/client";
import { SYSTEM } from "../../domain/actor";
import { listComments } from "../../domain/notes";
import { playbookRunLog, startPlaybookRun } from "../../domain/playbooks";
import { createUser } from "../../domain/users";
import { container, playbook, uniq, waitRun } from "../testing/helpers";
import { withPythonEngine } from "../testing/python-engine";

// A SOAR-style playbook: reads its container over REST, comments on it, and tries another host.
const CODE = `
import phantom.rules as phantom

def on_start(container):
    url = phantom.build_phantom_rest_url("container", container["id"])
    got = phantom.requests.get(url, verify=False)
    phantom.debug(f"GET container: {got.status_code} {got.json().get('name')}")
    posted = phantom.requests.post(phantom.build_phantom_rest_url("container_comment"), json={"container_id": container["id"], "comment": "from python"}, verify=False)
    phantom.debug(f"POST comment: {posted.status_code}")
    missing = phantom.requests.get(phantom.build_phantom_rest_url("container", 999999999), verify=False)
    phantom.debug(f"GET missing: {missing.status_code} {missing.ok}")
    for bad in ["http://203.0.113.9/rest/container", "https://example.com/rest/container", phantom.get_base_url() + "/api/health"]:
        try:
            phantom.requests.get(bad)
            phantom.debug("reached " + bad)
        except Exception as e:
            phantom.debug(f"refused: {e}")
`;

withPythonEngine("soar-requests", async () => {
  // The engine of this test process reaches the test's running server.
  process.env.VIGIL_INTERNAL_URL = inject("vigilUrl");
});

async function runAs(role: "analyst" | "observer") {
  const { user } = await createUser({ username: `py-${role}-${uniq()}`, role }, SYSTEM);
  const c = await container([{ sourceAddress: "10.0.0.1" }], { name: `requests ${uniq()}` });
  const pb = await playbook(null, { name: `requests_${uniq()}`, code: CODE, language: "python" });
  const started = await startPlaybookRun({ playbook: pb, containerId: c }, { id: user.id, name: user.username, role });
  const run = await waitRun(started.id, 120_000);
  return { run, c, user, log: (await playbookRunLog(run.id)).map((l) => l.message) };
}

describe("phantom.requests", () => {
  it("reaches Vigil's REST API as the run's user: reads the container, comments as that user, gets a 404 as a response", async () => {
    const { run, c, user, log } = await runAs("analyst");
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    const name = (await db.container.findUniqueOrThrow({ where: { id: c } })).name;
    expect(log).toEqual(expect.arrayContaining([`GET container: 200 ${name}`, "POST comment: 200", "GET missing: 404 False"]));
    const comments = await listComments(c);
    expect(comments.map((x) => [x.content, x.authorName])).toEqual([["from python", user.username]]);
  }, 180_000);

  it("refuses every other host and path with a clear error", async () => {
    const { run, log } = await runAs("analyst");
    expect(run.status).toBe("success");
    expect(log.filter((l) => l.startsWith("reached"))).toEqual([]);
    expect(log).toEqual(expect.arrayContaining([
      expect.stringMatching(/^refused: phantom\.requests reaches only Vigil's own REST API \(http:\/\/127\.0\.0\.1:\d+\/rest\/\.\.\.\), not http:\/\/203\.0\.113\.9$/),
      expect.stringMatching(/^refused: phantom\.requests reaches only Vigil's own REST API .*, not https:\/\/example\.com$/),
      "refused: phantom.requests reaches only Vigil's REST API under /rest/, not /api/health",
    ]));
  }, 180_000);

  it("has only the run's user's permissions: an observer's run cannot comment", async () => {
    const { run, c, log } = await runAs("observer");
    expect(run.status).toBe("success");
    expect(log).toContain("POST comment: 403");
    expect(await listComments(c)).toEqual([]);
  }, 180_000);
  it("finds playbooks by repository id and tags as the community playbooks_list custom function does", async () => {
    const { user } = await createUser({ username: `py-scm-${uniq()}`, role: "analyst" }, SYSTEM);
    const name = `scm_lookup_${uniq()}`;
    // The calls of ../shared/fixtures/soar-custom-functions/playbooks_list.py, in a playbook.
    const code = `
import phantom.rules as phantom

def on_start(container):
    scm = phantom.requests.get(phantom.build_phantom_rest_url("scm"), params={"_filter_name": '"local"'}, verify=False).json()
    params = {"pretty": True, "page_size": 0, "_filter_name": '"${name}"', "_filter_scm": "{}".format(scm["data"][0]["id"]), "_filter_tags__contains": '["lookup"]'}
    found = phantom.requests.get(phantom.build_phantom_rest_url("playbook"), params=params, verify=False).json()
    phantom.debug("scm {} playbooks {}: {}".format(scm["count"], found["count"], ", ".join(p["_pretty_scm"] + "/" + p["name"] for p in found["data"])))
`;
    const pb = await playbook(null, { name, code, language: "python", tags: ["lookup", "risk_notable"] });
    const c = await container([{ sourceAddress: "10.0.0.2" }], { name: `scm ${uniq()}` });
    const started = await startPlaybookRun({ playbook: pb, containerId: c }, { id: user.id, name: user.username, role: "analyst" });
    const run = await waitRun(started.id, 120_000);
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    expect((await playbookRunLog(run.id)).map((l) => l.message)).toContain(`scm 1 playbooks 1: local/${name}`);
  }, 180_000);
});
