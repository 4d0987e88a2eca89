// Who did something: written into every audit row.
import type { Role } from "../auth/permissions";

export interface Actor {
  id: number | null;
  name: string;
  role: Role | "system";
}

export const SYSTEM: Actor = { id: null, name: "system", role: "system" };
