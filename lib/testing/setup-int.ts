// Runs in each integration test worker: point the one Prisma client at the test database (as
// the runtime role), and the audit key at the data directory of the test's `vigil start`.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.VIGIL_DATA_DIR = inject("vigilDataDir");
