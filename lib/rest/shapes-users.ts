// Users as Phantom's /rest/ph_user answers them (SOAR playbooks read `username` and `type` of
// their effective user). No password hash, no tokens: what any reader of the API may see.
import type { PublicUser } from "../domain/users";

export function userToRest(u: PublicUser) {
  const [first = "", ...rest] = u.name.split(" ");
  return {
    id: u.id, username: u.username, first_name: first, last_name: rest.join(" "), email: u.email ?? "",
    type: u.role === "automation" ? "automation" : "normal", role: u.role, is_active: !u.disabled,
    date_joined: u.createdAt.toISOString(), last_login: u.lastLoginAt?.toISOString() ?? null, time_zone: u.timeZone,
  };
}
