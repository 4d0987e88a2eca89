// One playbook run as the debugger shows it: status, which blocks are done, waiting or queued,
// each block's step (inputs, outputs, error, timing) and the log. Polled while the run goes on.
import { consoleJson } from "@/lib/console-api";
import { playbookRunView } from "@/lib/domain/playbook-run-view";
import { DomainError } from "@/lib/domain/errors";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

export const GET = async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = idParam.safeParse((await params).id);
  return consoleJson(["playbooks.read"], async () => {
    if (!id.success) throw new DomainError("invalid", "the playbook run id must be a positive whole number");
    return playbookRunView(id.data);
  });
};
