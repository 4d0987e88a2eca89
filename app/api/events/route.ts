// One page of the events queue as JSON, for the queue's React Query after its first paint.
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { DomainError, HTTP_STATUS } from "@/lib/domain/errors";
import { queuePage } from "@/lib/domain/events-queue";
import { firstIssue } from "@/lib/schemas/common";
import { queueParams, queueQuerySchema } from "@/lib/schemas/events";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ message: "sign in first" }, { status: 401 });
  if (!can(user.role, "containers.read")) return Response.json({ message: "forbidden" }, { status: 403 });
  const parsed = queueQuerySchema.safeParse(queueParams(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ message: firstIssue(parsed.error) }, { status: 400 });
  try {
    return Response.json(await queuePage(parsed.data, user.id));
  } catch (err) {
    if (err instanceof DomainError) return Response.json({ message: err.message }, { status: HTTP_STATUS[err.kind] });
    throw err;
  }
}
