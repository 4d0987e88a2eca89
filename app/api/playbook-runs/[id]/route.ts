// One playbook run's blocks and log, read when the analyst opens the run on the investigation page.
import { consoleJson } from "@/lib/console-api";
import { DomainError } from "@/lib/domain/errors";
import { playbookRunDetail } from "@/lib/domain/playbook-runs-view";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

export const GET = async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = idParam.safeParse((await params).id);
  return consoleJson(["containers.read", "playbooks.read"], async () => {
    if (!id.success) throw new DomainError("invalid", "the run id must be a positive whole number");
    return playbookRunDetail(id.data);
  });
};
