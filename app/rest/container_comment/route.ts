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

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
