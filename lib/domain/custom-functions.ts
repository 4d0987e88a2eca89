// Custom functions as the REST API lists them (`/rest/custom_function`, SOAR's resource): Vigil's
// own JavaScript ones saved from the editor and SOAR's Python ones imported with their playbooks.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";

export interface CustomFunctionRecord {
  id: number;
  repo: string;
  name: string;
  description: string;
  language: string;
  createdAt: Date;
  updatedAt: Date;
}

export const CUSTOM_FUNCTION_FIELDS: FieldMap = {
  id: field("id", "int"), name: field("name", "text"), scm: field("repo", "text"), repo: field("repo", "text"),
  language: field("language", "text"), create_time: field("create_time", "time"), modified_time: field("update_time", "time"),
};

export function listCustomFunctions(query: ListQuery): Promise<Page<CustomFunctionRecord>> {
  return runList<CustomFunctionRecord>({
    select: Prisma.sql`id, repo, name, description, language, create_time as "createdAt", update_time as "updatedAt"`,
    from: Prisma.sql`custom_functions`, fields: CUSTOM_FUNCTION_FIELDS, query, idColumn: Prisma.sql`id`,
  });
}

export async function getCustomFunction(id: number): Promise<CustomFunctionRecord & { code: string }> {
  const cf = await db.customFunction.findUnique({
    where: { id }, select: { id: true, repo: true, name: true, description: true, language: true, code: true, createdAt: true, updatedAt: true },
  });
  if (!cf) throw new DomainError("not_found", `custom function ${id} not found`);
  return cf;
}
