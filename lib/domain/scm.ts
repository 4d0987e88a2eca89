// Repositories as SOAR's REST API lists them (`/rest/scm`): the names playbooks and custom
// functions are kept under, each with the id SOAR clients filter playbooks by.
import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import { DomainError } from "./errors";
import { field, runList, type FieldMap, type ListQuery, type Page } from "./list-query";

export interface ScmRecord {
  id: number;
  name: string;
  createdAt: Date;
}

const SCM_FIELDS: FieldMap = { id: field("id", "int"), name: field("name", "text") };

export function listScm(query: ListQuery): Promise<Page<ScmRecord>> {
  return runList<ScmRecord>({
    select: Prisma.sql`id, name, create_time as "createdAt"`, from: Prisma.sql`scm_repos`, fields: SCM_FIELDS, query, idColumn: Prisma.sql`id`,
  });
}

export async function getScm(id: number): Promise<ScmRecord> {
  const repo = await db.scmRepo.findUnique({ where: { id } });
  if (!repo) throw new DomainError("not_found", `repository ${id} not found`);
  return repo;
}
