// The built-in apps that mirror a Splunk SOAR app keep its vocabulary: each action SOAR also has
// carries SOAR's identifier, parameters and output data paths (so SOAR playbooks bind to it), every
// manifest action has a handler and every handler an action. Actions Vigil adds are listed here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AppModule } from "@/lib/apps/sdk";
import { BUILTIN_DIR, loadAppFolder } from "../registry";

const SOAR_APPS = path.resolve(import.meta.dirname, "..", "..", "..", "..", "shared", "fixtures", "soar-apps");

/** folder -> [SOAR manifest, actions Vigil adds that SOAR's app does not have] */
const MIRRORS: Record<string, [string, string[]]> = {
  virustotal: ["virustotalv3.json", []],
  abuseipdb: ["abuseipdb.json", []],
  slack: ["slack.json", []],
  splunk: ["splunk.json", []],
  rss: ["rss.json", []],
  // SOAR's Teams app speaks Graph; Vigil's posts to a channel webhook.
  teams: ["microsoftteams.json", ["send message"]],
};

interface Action { action: string; identifier: string; parameters: Record<string, unknown>; output?: { data_path: string }[] }

describe.each(Object.entries(MIRRORS))("the %s app", (folder, [soarFile, added]) => {
  it("loads, and has a handler for exactly its actions", async () => {
    const loaded = await loadAppFolder(BUILTIN_DIR, folder);
    expect(loaded.error).toBeNull();
    const mod = (await import(path.join(BUILTIN_DIR, folder, "index.ts"))) as { default: AppModule };
    expect(Object.keys(mod.default.actions).sort()).toEqual(loaded.manifest!.actions.map((a) => a.identifier).sort());
  });

  it("uses SOAR's identifiers, parameters and output data paths", () => {
    const ours = JSON.parse(readFileSync(path.join(BUILTIN_DIR, folder, "manifest.json"), "utf8")) as { actions: Action[] };
    const soar = JSON.parse(readFileSync(path.join(SOAR_APPS, soarFile), "utf8")) as { actions: Action[] };
    for (const action of ours.actions) {
      const theirs = soar.actions.find((a) => a.action === action.action);
      if (!theirs) {
        expect(added, `${action.action} is not a SOAR action`).toContain(action.action);
        continue;
      }
      expect(action.identifier, action.action).toBe(theirs.identifier);
      expect(Object.keys(action.parameters).filter((p) => !(p in theirs.parameters)), `${action.action}: parameters SOAR lacks`).toEqual([]);
      const soarPaths = new Set((theirs.output ?? []).map((o) => o.data_path));
      expect((action.output ?? []).map((o) => o.data_path).filter((p) => !soarPaths.has(p)), `${action.action}: data paths SOAR lacks`).toEqual([]);
    }
  });
});
