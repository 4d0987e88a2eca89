// Starts one real Vigil (production build, its own embedded PostgreSQL in a temporary data
// directory) for the browser tests, and hands its address and first administrator to them.
import { rm } from "node:fs/promises";
import { firstAdminPassword, startVigil } from "../lib/testing/vigil-process";

export default async function globalSetup() {
  const vigil = await startVigil({ startTimeoutMs: 300_000 });
  process.env.VIGIL_E2E_URL = vigil.url;
  process.env.VIGIL_E2E_DATA_DIR = vigil.dataDir;
  process.env.VIGIL_E2E_DATA_DIR = vigil.dataDir;
  process.env.VIGIL_E2E_ADMIN_PASSWORD = firstAdminPassword(vigil.output());
  return async () => {
    await vigil.stop();
    await rm(vigil.dataDir, { recursive: true, force: true });
  };
}
