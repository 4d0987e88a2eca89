import { currentUser } from "@/lib/auth/guard";
import { authenticateApiToken } from "@/lib/domain/api-tokens";
import { checkHealth, HEALTH_DB_TIMEOUT_MS, publicHealth, within } from "@/lib/health";

export const dynamic = "force-dynamic";

// A signed-in console user or a valid ph-auth-token sees the details; anyone else the verdict.
async function mayReadDetails(request: Request): Promise<boolean> {
  const token = request.headers.get("ph-auth-token");
  if (token) return (await authenticateApiToken(token)).ok;
  return (await currentUser()) !== null;
}

export async function GET(request: Request) {
  const [health, details] = await Promise.all([checkHealth(), within(mayReadDetails(request), HEALTH_DB_TIMEOUT_MS, "unanswered").catch(() => false)]);
  return Response.json(details ? health : publicHealth(health), {
    status: health.database.up ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
