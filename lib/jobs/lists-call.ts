// The worker's side of the custom lists capability (ctx.lists): a call from an app's child
// process becomes one domain operation (lib/apps/builtin/custom-lists/host.ts) on behalf of
// whoever started the action run, so the change is validated and audited as theirs, exactly
// as from the console or REST. Only the custom lists app may make these calls.
import { listsCapability } from "../apps/builtin/custom-lists/host";
import type { ListsCapability } from "../apps/builtin/custom-lists/capability";
import type { CallOp } from "./app-protocol";
import { runActor, type RunOwner } from "./sdk-calls";

/** The app folder allowed to reach Vigil's custom lists. */
export const LISTS_APP_DIRECTORY = "custom-lists";

export async function listsCall(directory: string, run: RunOwner, op: CallOp, args: unknown[]): Promise<unknown> {
  if (directory !== LISTS_APP_DIRECTORY) throw new Error("only the custom lists app may use custom lists");
  const lists: ListsCapability = listsCapability(await runActor(run));
  const [list, second, opts] = args as [string, never, never];
  if (typeof list !== "string") throw Object.assign(new Error("the list must be given as text"), { kind: "invalid" });
  switch (op) {
    case "lists.find":
      return lists.find(list, second, opts ?? { exact: true });
    case "lists.append":
      return lists.append(list, second, opts ?? { create: false });
    case "lists.remove":
      return lists.remove(list, second, opts ?? {});
    default:
      throw new Error(`unknown call ${op}`);
  }
}
