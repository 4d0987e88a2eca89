// SOAR custom functions that call phantom.requests, run from a graph (Vigil-native) playbook's
// custom function blocks: the community indicator_tag, indicator_get_by_tag and
// indicator_remove_tag (and find_related_containers), unchanged from
// ../shared/fixtures/soar-custom-functions/, tag and look up indicators
// through Vigil's REST API (the running `vigil start` of the test setup) as the run's user.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, inject } from "vitest";
import { db } from "../../db/client";
import { SYSTEM } from "../../domain/actor";
import { findIndicatorByValue } from "../../domain/indicators";
import { startPlaybookRun } from "../../domain/playbooks";
import { importSoarCustomFunction } from "../../domain/soar-import";
import { createUser } from "../../domain/users";
import { tokenClient } from "../../rest/rest-test-kit";
import { actor, container, graph, playbook, uniq, waitRun } from "../testing/helpers";
import { withPythonEngine } from "../testing/python-engine";

withPythonEngine("soar-indicator-tags", async () => {
  // The engine of this test process reaches the test's running server.
  process.env.VIGIL_INTERNAL_URL = inject("vigilUrl");
});

const repo = `cf_tags_${uniq()}`;
const dir = path.resolve(process.cwd(), "../shared/fixtures/soar-custom-functions");
const files = (n: string) => ({ name: n, json: readFileSync(path.join(dir, `${n}.json`)), py: readFileSync(path.join(dir, `${n}.py`)) });

async function importOnce() {
  if (await db.customFunction.findFirst({ where: { repo } })) return;
  for (const n of ["indicator_tag", "indicator_get_by_tag", "indicator_remove_tag", "find_related_containers"]) await importSoarCustomFunction(files(n), { repo }, actor);
}

/** start -> tag (two tags) -> get_by_tag (in this container) -> remove_tag (one) -> end. */
async function tagPlaybook(tag: string) {
  return playbook(graph({
    "0": { type: "start" },
    "2": { type: "custom_function", name: "tag_it", customFunction: `${repo}/indicator_tag`, parameters: { indicator: "artifact:*.cef.fileHash", tags: `${tag}, seen_${tag}` } },
    "3": { type: "custom_function", name: "find_tagged", customFunction: `${repo}/indicator_get_by_tag`, parameters: { tags_or: tag, container: "container:id" } },
    "4": { type: "custom_function", name: "untag", customFunction: `${repo}/indicator_remove_tag`, parameters: { indicator: "artifact:*.cef.fileHash", tags: `seen_${tag}` } },
    "1": { type: "end" },
  }, ["0>2", "2>3", "3>4", "4>1"]), {
    name: `graph_tags_${uniq()}`,
    output_spec: [
      { name: "tagged", datapaths: ["tag_it:custom_function_result.data.indicator_tags"] },
      { name: "tag_ok", datapaths: ["tag_it:custom_function_result.success"] },
      { name: "tag_message", datapaths: ["tag_it:custom_function_result.message"] },
      { name: "found", datapaths: ["find_tagged:custom_function_result.data.indicator_value"] },
      { name: "found_types", datapaths: ["find_tagged:custom_function_result.data.indicator_cef_type"] },
      { name: "left", datapaths: ["untag:custom_function_result.data.indicator_tags"] },
    ],
  });
}

async function runAs(role: "analyst" | "observer") {
  await importOnce();
  const { user } = await createUser({ username: `tags-${role}-${uniq()}`, role }, SYSTEM);
  const hash = randomBytes(32).toString("hex");
  const tag = `t_${uniq()}`;
  const c = await container([{ fileHash: hash }], { name: `tags ${uniq()}` });
  const started = await startPlaybookRun({ playbook: await tagPlaybook(tag), containerId: c, timeLimitSeconds: 120 }, { id: user.id, name: user.username, role });
  const run = await waitRun(started.id, 120_000);
  const indicator = (await findIndicatorByValue(hash))!;
  return { run, user, hash, tag, indicator };
}

describe("SOAR custom functions with phantom.requests in a graph playbook", () => {
  it("indicator_tag, indicator_get_by_tag and indicator_remove_tag work unchanged, as the run's user", async () => {
    const { run, user, hash, tag, indicator } = await runAs("analyst");
    expect([run.status, run.message]).toEqual(["success", "playbook run succeeded"]);
    const out = run.outputs as Record<string, unknown[]>;
    expect(out.tag_ok).toEqual([true]);
    expect((out.tagged as string[]).sort()).toEqual([tag, `seen_${tag}`].sort());
    // indicator_get_by_tag found it by tag over /rest/indicator and in this container over
    // /rest/indicator_common_container, with its contains types (_special_contains).
    expect(out.found).toEqual([hash]);
    expect(out.found_types).toEqual(["hash"]);
    expect(out.left).toEqual([tag]);

    // What a user of the REST API sees afterwards, and who the audit trail says changed it.
    const reader = await tokenClient("observer");
    const got = await reader.call("GET", `/rest/indicator/${indicator.id}`);
    expect([got.status, got.body.tags]).toEqual([200, [tag]]);
    const listed = await reader.call("GET", `/rest/indicator?_filter_tags__contains=${encodeURIComponent(JSON.stringify(tag))}`);
    expect(listed.body.data.map((i: { value: string }) => i.value)).toEqual([hash]);
    // find_related_containers looks indicators up by value_hash, in a Python list.
    const valueHash = createHash("sha256").update(hash).digest("hex");
    const byHash = await reader.call("GET", `/rest/indicator?_filter_value_hash__in=${encodeURIComponent(`['${valueHash}', '${"0".repeat(64)}']`)}&timerange=all&page_size=0`);
    expect(byHash.body.data.map((i: { id: number; value_hash: string }) => [i.id, i.value_hash])).toEqual([[indicator.id, valueHash]]);
    const audit = await db.auditLog.findMany({ where: { objectType: "indicator", objectId: String(indicator.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId, a.actorName])).toEqual([["indicator.tags", user.id, user.username], ["indicator.tags", user.id, user.username]]);
    expect(audit.map((a) => (a.detail as { removed: string[] }).removed)).toEqual([[], [`seen_${tag}`]]);
  }, 180_000);

  it("has only the run's user's permissions: an observer's run cannot tag, and the custom function says so", async () => {
    const { run, indicator } = await runAs("observer");
    expect(run.status).toBe("success");
    const out = run.outputs as Record<string, unknown[]>;
    expect(out.tag_ok).toEqual([false]);
    expect(out.tag_message).toEqual([expect.stringMatching(/^RuntimeError: Failed to update tags for indicator with id: \d+$/)]);
    expect(indicator.tags).toEqual([]);
  }, 180_000);

  it("find_related_containers finds the other events that share an indicator with this one", async () => {
    await importOnce();
    const hash = randomBytes(32).toString("hex");
    const earlier = await container([{ fileHash: hash }], { name: `related ${uniq()}` });
    const unrelated = await container([{ fileHash: randomBytes(32).toString("hex") }], { name: `unrelated ${uniq()}` });
    const c = await container([{ fileHash: hash, sourceAddress: "192.0.2.200" }], { name: `related ${uniq()}` });
    const pb = await playbook(graph({
      "0": { type: "start" },
      "2": { type: "custom_function", name: "related", customFunction: `${repo}/find_related_containers`, parameters: { value_list: "*", container: "container:id" } },
      "1": { type: "end" },
    }, ["0>2", "2>1"]), {
      name: `graph_related_${uniq()}`,
      output_spec: [
        { name: "ids", datapaths: ["related:custom_function_result.data.container_id"] },
        { name: "message", datapaths: ["related:custom_function_result.message"] },
      ],
    });
    const { user } = await createUser({ username: `related-${uniq()}`, role: "analyst" }, SYSTEM);
    const started = await startPlaybookRun({ playbook: pb, containerId: c, timeLimitSeconds: 120 }, { id: user.id, name: user.username, role: "analyst" });
    const run = await waitRun(started.id, 120_000);
    const out = run.outputs as Record<string, unknown[]>;
    expect(out.message).toEqual([""]);
    expect(out.ids).toContain(earlier);
    expect(out.ids).not.toContain(unrelated);
    expect(out.ids).not.toContain(c);
  }, 180_000);
});
