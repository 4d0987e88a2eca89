// Runs in each integration test worker: point the one Prisma client at the test database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
