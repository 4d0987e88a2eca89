// A container's latest action runs with their app runs' results, polled by the investigation page.
import { consoleJson } from "@/lib/console-api";
import { containerActionRuns } from "@/lib/domain/action-runs-view";
import { DomainError } from "@/lib/domain/errors";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

export const GET = async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = idParam.safeParse((await params).id);
  return consoleJson(["containers.read", "apps.read"], async () => {
    if (!id.success) throw new DomainError("invalid", "the container id must be a positive whole number");
    return containerActionRuns(id.data);
  });
};
