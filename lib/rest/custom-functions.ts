// A custom function in SOAR's REST shape (`/rest/custom_function`); `scm` names the repository.
import type { CustomFunctionRecord } from "../domain/custom-functions";
import { phantomTime } from "./shapes";

export function customFunctionToRest(cf: CustomFunctionRecord) {
  return {
    id: cf.id, name: cf.name, scm: cf.repo, description: cf.description, language: cf.language,
    draft_mode: false, create_time: phantomTime(cf.createdAt), modified_time: phantomTime(cf.updatedAt),
  };
}
