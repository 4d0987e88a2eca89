import type { Metadata } from "next";
import { PlaybookEditor } from "@/components/playbook-editor/editor";
import { EMPTY_GRAPH } from "@/components/playbook-editor/model/convert";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { editorContext } from "@/lib/domain/playbook-editor";

export const metadata: Metadata = { title: "New playbook" };

export default async function NewPlaybookPage() {
  const user = await requirePage("playbooks.write");
  const ctx = await editorContext(["*"]);
  const playbook = {
    id: null, version: null, active: false, graph: EMPTY_GRAPH, inputSpec: [], outputSpec: [], tags: [],
    meta: { name: "", repo: "local", labels: "*", category: "", description: "", type: "automation" as const },
  };
  return <PlaybookEditor playbook={playbook} versions={[]} ctx={ctx} canWrite canRun={can(user.role, "playbooks.run")} />;
}
