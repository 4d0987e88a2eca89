import { describe, expect, it } from "vitest";
import { describeAudit, describePlaybookRun, referencedUsers } from "./timeline-text";

const users = new Map([[2, "alex"]]);

describe("activity timeline text", () => {
  it("names the owner instead of the column", () => {
    expect(describeAudit("container.update", { owner_id: 2 }, users)).toBe("assigned to alex");
    expect(describeAudit("container.update", { owner_id: null }, users)).toBe("unassigned");
    expect(describeAudit("container.update", { owner_id: 9 }, users)).toBe("assigned to user #9");
  });

  it("reads status, case membership and due time as sentences", () => {
    expect(describeAudit("container.status", { status: "closed", reason: "false positive", bulk: true }, users))
      .toBe("status set to closed; reason: false positive");
    expect(describeAudit("container.update", { parent_container: 12 }, users)).toBe("added to case #12");
    expect(describeAudit("container.update", { due_time: "2026-11-24T10:30:00.000Z" }, users)).toBe("due 2026-11-24 10:30 UTC");
  });

  it("keeps what other rows said", () => {
    expect(describeAudit("container.create", { artifact_ids: [1, 2, 3] }, users)).toBe("created with 3 artifacts");
    expect(describeAudit("container.create", { artifact_ids: [1] }, users)).toBe("created with 1 artifact");
    expect(describeAudit("note.create", { title: "Triage" }, users)).toBe('note "Triage"');
  });

  it("reads HUD pins and imports as sentences", () => {
    expect(describeAudit("pin.create", { message: "Risk score", data: "87" }, users)).toBe('pinned "Risk score": 87');
    expect(describeAudit("pin.delete", { message: "Risk score" }, users)).toBe('unpinned "Risk score"');
    expect(describeAudit("container.import", { exported_from: 5, notes: 2, vault: 1 }, users)).toBe("imported from an archive of #5 with 2 notes and 1 file");
  });

  it("reads playbook runs as sentences", () => {
    expect(describeAudit("playbook_run.start", { playbook: "local/triage" }, users)).toBe("started playbook local/triage");
    expect(describePlaybookRun({ id: 12, status: "success", message: "playbook run succeeded", startedBy: "automation" }))
      .toBe("run #12 started by automation, success: playbook run succeeded");
    expect(describePlaybookRun({ id: 13, status: "running", message: "", startedBy: "alex" })).toBe("run #13 started by alex, running");
  });

  it("finds the users a row refers to", () => {
    expect(referencedUsers({ owner_id: 2 })).toEqual([2]);
    expect(referencedUsers({ status: "open" })).toEqual([]);
  });
});
