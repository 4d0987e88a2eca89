import { getContainer } from "@/lib/domain/containers";
import { addNote, listNotes } from "@/lib/domain/notes";
import { newNoteSchema } from "@/lib/schemas/notes";
import { noteToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) => {
  const container = await getContainer(ctx.id());
  const notes = await listNotes(container.id);
  return { count: notes.length, num_pages: notes.length ? 1 : 0, data: notes.map(noteToRest) };
});

export const POST = withRest("containers.write", async (ctx) => {
  const containerId = ctx.id();
  const input = await ctx.body(newNoteSchema.omit({ container_id: true }));
  const note = await addNote({ containerId, title: input.title, content: input.content, noteType: input.note_type }, ctx.actor);
  return { success: true, id: note.id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
