// The playbooks the "Run playbook" dialog offers; 403 for a role that may not run playbooks, which
// hides the button.
import { consoleJson } from "@/lib/console-api";
import { runnablePlaybooks } from "@/lib/domain/playbook-runs-view";

export const dynamic = "force-dynamic";

export const GET = () => consoleJson(["playbooks.read", "playbooks.run"], () => runnablePlaybooks());
