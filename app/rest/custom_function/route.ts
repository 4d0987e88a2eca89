import { listCustomFunctions } from "@/lib/domain/custom-functions";
import { DomainError } from "@/lib/domain/errors";
import { importSoarCustomFunction, soarArchiveFiles, type SoarFiles } from "@/lib/domain/soar-import";
import { customFunctionToRest } from "@/lib/rest/playbooks";
import { listToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";
import { customFunctionCreateSchema } from "@/lib/schemas/custom-functions";

export const dynamic = "force-dynamic";

export const GET = withRest("playbooks.read", async (ctx) => listToRest(await listCustomFunctions(ctx.list()), customFunctionToRest));

// Either SOAR's create fields (name, python, description, inputs, outputs) or an export archive
// like /rest/import_playbook's (`custom_function`: base64 TAR of <name>.json and <name>.py). The
// repository is `scm` (or SOAR's `scm_id`) by name, `local` by default; both go through the import
// the console and `vigil playbook import` use, so a function saved twice keeps its id.
export const POST = withRest("playbooks.write", async (ctx) => {
  const input = await ctx.body(customFunctionCreateSchema);
  if (typeof input.scm_id === "number") throw new DomainError("invalid", "scm_id: Vigil names repositories (\"local\", \"community\"), it has no numeric repository ids", "scm_id");
  const repo = input.scm ?? input.scm_id ?? "local";
  let files: SoarFiles[];
  if (input.custom_function !== undefined) {
    if (!/^[A-Za-z0-9+/=\s_-]+$/.test(input.custom_function)) throw new DomainError("invalid", "custom_function: not base64", "custom_function");
    files = await soarArchiveFiles(Buffer.from(input.custom_function, "base64"));
  } else {
    if (!input.name) throw new DomainError("invalid", "name: required (or custom_function: a base64 export archive)", "name");
    if (input.python === undefined) throw new DomainError("invalid", "python: the custom function's code is required", "python");
    const meta = { description: input.description ?? "", inputs: input.inputs ?? [], outputs: input.outputs ?? [] };
    files = [{ name: input.name, json: Buffer.from(JSON.stringify(meta)), py: Buffer.from(input.python) }];
  }
  const saved = [];
  for (const f of files) saved.push(await importSoarCustomFunction(f, { repo }, ctx.actor));
  return { success: true, id: saved[0]!.id, custom_functions: saved.map((cf) => ({ id: cf.id, name: cf.name, scm: cf.repo })) };
}, { maxBody: 48 * 1024 * 1024 });
