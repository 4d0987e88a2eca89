// Runs nobody started (a label trigger, a schedule) act as SOAR's "automation" user: a real user
// row (id 2 on a new installation), which phantom.get_effective_user() answers, /rest/ph_user
// describes as type "automation", and under whose name the run's REST writes are kept and audited.
import { describe, expect, it, inject } from "vitest";
import { db } from "../../db/client";
import { listComments } from "../../domain/notes";
import { playbookRunLog, setPlaybookActive } from "../../domain/playbooks";
import { AUTOMATION_USERNAME, countUsers } from "../../domain/users";
import { actor, container, playbook, uniq, waitRun } from "../testing/helpers";
import { withPythonEngine } from "../testing/python-engine";
import { runUser } from "./rest-bridge";

withPythonEngine("soar-automation-user", async () => {
  process.env.VIGIL_INTERNAL_URL = inject("vigilUrl");
});

// As the fixture playbooks do (risk_notable_merge_events' get_effective_user block), then a write.
const CODE = `
import phantom.rules as phantom

def on_start(container):
    user_id = phantom.get_effective_user()
    me = phantom.requests.get(phantom.build_phantom_rest_url("ph_user", user_id), verify=False).json()
    phantom.debug(f"effective user {user_id}: {me['username']} {me['type']}")
    posted = phantom.requests.post(phantom.build_phantom_rest_url("container_comment"), json={"container_id": container["id"], "comment": "seen by automation"}, verify=False)
    phantom.debug(f"comment {posted.status_code}")
`;

describe("the automation user", () => {
  it("exists as SOAR has it: id 2, named automation, with the automation role and no password; it is not counted as a first user", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: AUTOMATION_USERNAME } });
    expect([user.id, user.role, user.passwordHash, user.disabled]).toEqual([2, "automation", null, false]);
    expect(await countUsers()).toBe((await db.user.count()) - 1);
    // The first administrator, made by the test setup's first `vigil start`, took SOAR's id 1.
    expect(await db.user.findUnique({ where: { id: 1 }, select: { username: true, role: true } })).toEqual({ username: "admin", role: "administrator" });
    // Schedules and other system starters resolve to it too; a user who started a run stays that user.
    expect(await runUser("schedule #7 (2026-01-01T00:00:00.000Z)")).toEqual({ userId: 2, username: "automation" });
  });

  it("is who a triggered run acts as: get_effective_user, /rest/ph_user, the comment's author and its audit row", async () => {
    const label = `auto_${uniq()}`;
    const pb = await playbook(null, { name: `automation_user_${uniq()}`, code: CODE, language: "python", labels: [label] });
    await setPlaybookActive(pb, true, actor);
    try {
      const c = await container([{ sourceAddress: "192.0.2.77" }], { label });
      let run = null;
      for (let i = 0; !run && i < 400; i++) {
        run = await db.playbookRun.findFirst({ where: { playbookId: pb, containerId: c } });
        if (!run) await new Promise((r) => setTimeout(r, 50));
      }
      expect(run?.startedBy).toBe("automation");
      const done = await waitRun(run!.id, 120_000);
      const log = (await playbookRunLog(done.id)).map((l) => l.message);
      expect([done.status, done.message], log.join("\n")).toEqual(["success", "playbook run succeeded"]);
      expect(log).toEqual(expect.arrayContaining(["effective user 2: automation automation", "comment 200"]));
      expect((await listComments(c)).map((x) => [x.content, x.authorName])).toEqual([["seen by automation", "automation"]]);
      const audit = await db.auditLog.findMany({ where: { containerId: c, actorName: "automation" } });
      expect(audit.map((a) => a.actorId)).toEqual([2]);
    } finally {
      await setPlaybookActive(pb, false, actor);
    }
  }, 180_000);
});
