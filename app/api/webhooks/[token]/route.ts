// Where tools POST alerts: the secret URL of an inbound webhook (lib/domain/webhooks). No session
// and no API token: the unguessable URL, and the HMAC signature when the webhook asks for one,
// are the credentials, so any tool that can send JSON can deliver.
import { DomainError, HTTP_STATUS } from "@/lib/domain/errors";
import { receiveWebhook } from "@/lib/domain/webhooks/receive";
import { restError } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export async function POST(request: Request, route: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const delivered = await receiveWebhook((await route.params).token, request);
    // A repeated delivery (same source_data_identifier) is no error for the sender, which would
    // only retry it: 200 naming the container it already made, where a new one answers 201.
    return Response.json(
      delivered.created
        ? { success: true, id: delivered.containerId, new_artifact_ids: delivered.artifactIds }
        : { success: true, duplicate: true, existing_container_id: delivered.containerId },
      { status: delivered.created ? 201 : 200 },
    );
  } catch (err) {
    if (err instanceof DomainError) return restError(HTTP_STATUS[err.kind], err.message);
    throw err;
  }
}

const onlyPost = () => restError(405, "a webhook takes alerts by POST only");
export { onlyPost as GET, onlyPost as PUT, onlyPost as PATCH, onlyPost as DELETE };
