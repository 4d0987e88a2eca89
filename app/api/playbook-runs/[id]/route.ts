// One playbook run's blocks and log: the investigation page's run log and the editor's debugger
// read it, polled while the run goes on.
import { consoleJson } from "@/lib/console-api";
import { DomainError } from "@/lib/domain/errors";
import { playbookRunView } from "@/lib/domain/playbook-run-view";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

export const GET = async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = idParam.safeParse((await params).id);
  return consoleJson(["containers.read", "playbooks.read"], async () => {
    if (!id.success) throw new DomainError("invalid", "the playbook run id must be a positive whole number");
    return playbookRunView(id.data);
  });
};
