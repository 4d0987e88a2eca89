// One action run with its app runs' results (an asset's "test connectivity" polls it).
import { consoleJson } from "@/lib/console-api";
import { actionRunView } from "@/lib/domain/action-runs-view";
import { DomainError } from "@/lib/domain/errors";
import { idParam } from "@/lib/schemas/common";

export const dynamic = "force-dynamic";

export const GET = async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const id = idParam.safeParse((await params).id);
  return consoleJson(["apps.read"], async () => {
    if (!id.success) throw new DomainError("invalid", "the action run id must be a positive whole number");
    return actionRunView(id.data);
  });
};
