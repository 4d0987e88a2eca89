import { describe, expect, it } from "vitest";
import { actionText, playbookText, suggestionsOf, type EditorTask } from "./template-task-row";

const task = (over: Partial<EditorTask>): EditorTask => ({ key: "k", name: "t", description: "", is_note_required: false, sla: null, suggestions: {}, playbooks: "", actions: "", ...over });

describe("a task's suggestions in the template editor", () => {
  it("keeps an action's app and parameters while its name stays, and reads repo/name playbooks", () => {
    const suggestions = { actions: [{ action: "get data", app: "HTTP", parameters: { location: "/isolate" } }, { action: "block ip" }], playbooks: [{ playbook: "triage", scm: "community" }] };
    expect(actionText(suggestions)).toBe("get data, block ip");
    expect(playbookText(suggestions)).toBe("community/triage");
    expect(suggestionsOf(task({ suggestions, actions: "whois ip, get data", playbooks: "community/triage, enrich" }))).toEqual({
      actions: [{ action: "whois ip" }, { action: "get data", app: "HTTP", parameters: { location: "/isolate" } }],
      playbooks: [{ scm: "community", playbook: "triage" }, { scm: "local", playbook: "enrich" }],
    });
  });
});
