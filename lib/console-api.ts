// The console's internal JSON endpoints (/api/*): who is asking, may they, and a DomainError as
// its status with the message; anything else is a bug and answers 500.
import { currentUser } from "./auth/guard";
import { can, type Permission } from "./auth/permissions";
import type { SessionUser } from "./auth/sessions";
import { DomainError, HTTP_STATUS } from "./domain/errors";

export async function consoleJson(permissions: Permission[], fn: (user: SessionUser) => Promise<unknown>): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ message: "sign in first" }, { status: 401 });
  const missing = permissions.find((p) => !can(user.role, p));
  if (missing) return Response.json({ message: `your role may not do this (${missing})` }, { status: 403 });
  try {
    return Response.json(await fn(user), { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof DomainError) return Response.json({ message: err.message }, { status: HTTP_STATUS[err.kind] });
    throw err;
  }
}
