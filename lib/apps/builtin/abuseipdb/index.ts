// AbuseIPDB app: SOAR's AbuseIPDB actions (`lookup ip`, `post ip`, `test connectivity`) over the
// AbuseIPDB API v2 (`GET /api/v2/check`, `POST /api/v2/report`, the key in a `Key` header). The
// data row is AbuseIPDB's answer ({"data": {...}}), as in SOAR's app, so
// `action_result.data.*.data.abuseConfidenceScore` resolves against it.
import { isIP } from "node:net";
import { failed, success, type ActionHandler, type AppContext, type AppModule } from "@/lib/apps/sdk";
import { callService, configNumber, configText, connectivityTest, objectAt, requiredSecret, serviceAction, type Service } from "../service-call";

const NAME = "AbuseIPDB";

/** AbuseIPDB's error body: {"errors": [{"detail": "...", "status": 401}]}. */
function errorText(body: unknown): string | undefined {
  const errors = (body as { errors?: { detail?: unknown }[] } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.map((e) => (typeof e?.detail === "string" ? e.detail : "")).filter(Boolean).join("; ") || undefined;
}

function service(ctx: AppContext): Service {
  return {
    name: NAME,
    baseUrl: `${configText(ctx.config, "base_url", "https://api.abuseipdb.com").replace(/\/+$/, "")}/api/v2/`,
    headers: { key: requiredSecret(ctx.config, "api_key", NAME) },
    timeoutS: configNumber(ctx.config, "timeout", 30),
    credentials: "the asset's api_key",
    errorText,
  };
}

async function check(ctx: AppContext, ip: string, days: number) {
  const res = await callService<{ data?: unknown }>(ctx, service(ctx), { path: "check", query: { ipAddress: ip, maxAgeInDays: days, verbose: "" } });
  const data = objectAt(objectAt(res.body, NAME, "a JSON object").data, NAME, "a data object");
  return { data };
}

const lookupIp: ActionHandler = serviceAction(async (ctx, parameter) => {
  const ip = typeof parameter.ip === "string" ? parameter.ip.trim() : "";
  if (!isIP(ip)) return failed(`Not an IP address: ${JSON.stringify(parameter.ip ?? "")}`);
  const days = parameter.days === undefined || parameter.days === "" ? 10 : Number(parameter.days);
  if (!Number.isInteger(days) || days < 1 || days > 365) return failed(`days: expected a whole number of days from 1 to 365, got ${JSON.stringify(parameter.days)}`);
  const row = await check(ctx, ip, days);
  const reports = Array.isArray(row.data.reports) ? row.data.reports.length : 0;
  const found = typeof row.data.totalReports === "number" ? row.data.totalReports : reports;
  return success(`IP lookup complete. Reports found: ${found}`, [row], { reports_found: found });
});

const postIp: ActionHandler = serviceAction(async (ctx, parameter) => {
  const ip = typeof parameter.ip === "string" ? parameter.ip.trim() : "";
  if (!isIP(ip)) return failed(`Not an IP address: ${JSON.stringify(parameter.ip ?? "")}`);
  const categories = String(parameter.category_ids ?? "").split(",").map((c) => c.trim()).filter(Boolean);
  const bad = categories.find((c) => !/^\d{1,2}$/.test(c) || Number(c) < 1 || Number(c) > 23);
  if (!categories.length || bad !== undefined) {
    return failed(`category_ids: expected a comma-separated list of AbuseIPDB category numbers (1-23), got ${JSON.stringify(parameter.category_ids ?? "")}`);
  }
  const comment = typeof parameter.comment === "string" ? parameter.comment : "";
  const res = await callService<{ data?: unknown }>(ctx, service(ctx), { method: "POST", path: "report", form: { ip, categories: categories.join(","), comment: comment || undefined } });
  const data = objectAt(objectAt(res.body, NAME, "a JSON object").data, NAME, "a data object");
  const summary = { categories_filed: categories.length, comment_length: comment.length };
  return success(`IP reported. Number of categories filed: ${categories.length}, Comment length: ${comment.length}`, [{ data }], summary);
});

const app: AppModule = {
  actions: {
    test_connectivity: connectivityTest((ctx) => check(ctx, "127.0.0.1", 1)),
    lookup_ip: lookupIp,
    report_ip: postIp,
  },
};
export default app;
