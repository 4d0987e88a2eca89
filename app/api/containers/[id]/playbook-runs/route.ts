// A container's latest playbook runs, polled by the investigation page.
import { consoleJson } from "@/lib/console-api";
import { DomainError } from "@/lib/domain/errors";
import { containerPlaybookRuns } from "@/lib/domain/playbook-runs-view";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

export const GET = async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = idParam.safeParse((await params).id);
  return consoleJson(["containers.read", "playbooks.read"], async () => {
    if (!id.success) throw new DomainError("invalid", "the container id must be a positive whole number");
    return containerPlaybookRuns(id.data);
  });
};
