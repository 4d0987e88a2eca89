import { getContainer } from "@/lib/domain/containers";
import { addComment, listComments } from "@/lib/domain/notes";
import { newCommentSchema } from "@/lib/schemas/notes";
import { commentToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => {
  const container = await getContainer(ctx.id());
  const comments = await listComments(container.id);
  return { count: comments.length, num_pages: comments.length ? 1 : 0, data: comments.map(commentToRest) };
});

export const POST = withRest("containers.write", async (ctx) => {
  const containerId = ctx.id();
  const { comment } = await ctx.body(newCommentSchema);
  const row = await addComment(containerId, comment, ctx.actor);
  return { success: true, id: row.id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
