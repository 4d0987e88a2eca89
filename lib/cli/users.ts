// `vigil user create` and `vigil token create`.
import { isRole, ROLES } from "../auth/permissions";
import { SYSTEM } from "../domain/actor";
import { createApiToken } from "../domain/api-tokens";
import { createUser, findUserByName } from "../domain/users";
import { tokenExpiryDays } from "../schemas/users";
import { withDatabase } from "./with-database";
import { parseCommand, required, UsageError } from "./args";

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

export async function userCreate(argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, {
    name: { type: "string" }, role: { type: "string" }, password: { type: "string" }, "full-name": { type: "string" },
  });
  const username = required(values.name, "--name");
  if (!USERNAME.test(username)) throw new UsageError("--name may hold letters, digits and . _ @ - (at most 64)");
  const role = required(values.role, "--role");
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
  if (values.password !== undefined && values.password.length < 8) throw new UsageError("--password must be at least 8 characters");
  const { user, password } = await withDatabase(() =>
    createUser({ username, role, password: values.password, name: values["full-name"] }, SYSTEM),
  );
  process.stdout.write(`created ${user.role} "${user.username}" (id ${user.id})\n`);
  if (password) process.stdout.write(`password (shown once): ${password}\n`);
}

export async function tokenCreate(argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, { user: { type: "string" }, label: { type: "string" }, "expires-days": { type: "string" } });
  const username = required(values.user, "--user");
  const expiry = tokenExpiryDays.safeParse(values["expires-days"]);
  if (!expiry.success) throw new UsageError(`--expires-days: ${expiry.error.issues[0]?.message}`);
  const token = await withDatabase(async () => {
    const user = await findUserByName(username);
    if (!user) throw new UsageError(`no user named "${username}"`);
    const label = values.label ?? "created with vigil token create";
    return (await createApiToken(user.id, label, SYSTEM, { expiresDays: expiry.data })).token;
  });
  // Only the token on stdout, so scripts can capture it: TOKEN=$(vigil token create --user x)
  process.stdout.write(token + "\n");
}
