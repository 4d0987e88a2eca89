// Phantom's own path for adding a comment: POST /rest/container_comment {container_id, comment}.
import { addComment } from "@/lib/domain/notes";
import { newContainerCommentSchema } from "@/lib/schemas/notes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const POST = withRest("containers.write", async (ctx) => {
  const input = await ctx.body(newContainerCommentSchema);
  const row = await addComment(input.container_id, input.comment, ctx.actor);
  return { success: true, id: row.id };
});
