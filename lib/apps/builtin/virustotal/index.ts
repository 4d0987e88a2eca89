// VirusTotal v3 app: SOAR's VirusTotal v3 actions (ip/domain/url/file reputation, detonate url,
// detonate file, get report, test connectivity) with the same identifiers, parameters and
// output data paths. Each data row is VirusTotal's own object ({id, type, links, attributes});
// detonations and reports add the analysis as `data` and its `meta`, as SOAR's app does.
// The summary holds the verdict counts (harmless, malicious, suspicious, undetected).
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { failed, success, type ActionHandler, type AppContext, type AppModule } from "@/lib/apps/sdk";
import { connectivityTest, serviceAction, ServiceFailure } from "../service-call";
import { isDomain, isHash } from "../text-indicators";
import { getObject, NAME, pollAnalysis, submit, urlId, verdict, type VtAnalysis, type VtObject } from "./api";

const SOURCE = "new from virustotal API";
const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

function stats(object: VtObject): unknown {
  return object.attributes?.last_analysis_stats;
}

/** One reputation lookup: the object as the data row, its verdict as the summary. */
function reputation(kind: string, path: (value: string) => string | undefined, param: string): ActionHandler {
  return serviceAction(async (ctx, parameter) => {
    const value = text(parameter[param]);
    const where = path(value);
    if (!where) return failed(`Not a valid ${kind}: ${JSON.stringify(parameter[param] ?? "")}`);
    const object = await getObject(ctx, where);
    if (!object) return failed(`${NAME} has no report for the ${kind} ${value}`);
    const summary = verdict(stats(object), { source: SOURCE, ...(kind === "URL" ? { scan_id: object.id } : {}) });
    return success(`Successfully fetched ${kind} reputation: ${summary.malicious} malicious, ${summary.suspicious} suspicious`, [object], summary);
  });
}

/**
 * The result of a finished (or still pending) analysis: the analysed object's attributes with the
 * analysis as `data` and its `meta`. A run that outwaits its polling time is failed, keeping the
 * scan id in the summary so a playbook can ask `get report` later.
 */
async function analysisResult(ctx: AppContext, scanId: string, analysis: VtAnalysis | undefined, item: () => Promise<VtObject | undefined>) {
  if (!analysis) return failed(`${NAME} has no analysis ${scanId}`, [], { scan_id: scanId });
  const status = analysis.data.attributes?.status ?? "unknown";
  const summary = verdict(analysis.data.attributes?.stats, { scan_id: scanId });
  if (status !== "completed") {
    return failed(`The analysis ${scanId} is still ${status} after the polling time; run get report with this scan_id later`, [{ data: analysis.data, meta: analysis.meta }], summary);
  }
  const object = await item().catch((error) => {
    if (!(error instanceof ServiceFailure)) throw error;
    ctx.log.warn(`the analysed object could not be read: ${error.message}`);
    return undefined;
  });
  const row = { ...(object ?? {}), data: analysis.data, meta: analysis.meta };
  return success(`Successfully fetched the report: ${summary.malicious} malicious, ${summary.suspicious} suspicious`, [row], summary);
}

const detonateUrl: ActionHandler = serviceAction(async (ctx, parameter) => {
  const url = text(parameter.url);
  if (!url) return failed("url: required");
  const scanId = await submit(ctx, "urls", { form: { url } });
  ctx.log.info(`submitted the URL for analysis ${scanId}`);
  const analysis = await pollAnalysis(ctx, scanId, parameter.wait_time);
  return analysisResult(ctx, scanId, analysis, () => getObject(ctx, `urls/${urlId(url)}`));
});

const detonateFile: ActionHandler = serviceAction(async (ctx, parameter) => {
  const vaultId = text(parameter.vault_id);
  if (!vaultId) return failed("vault_id: required");
  let content: Uint8Array;
  try {
    content = await ctx.vault.read(vaultId);
  } catch (error) {
    return failed(`The vault has no file ${vaultId}: ${(error as Error).message}`);
  }
  const sha256 = createHash("sha256").update(content).digest("hex");
  // multipart/form-data as fetch encodes it: serialize a FormData through a Response.
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(content)]), sha256);
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const scanId = await submit(ctx, "files", { body, contentType: encoded.headers.get("content-type") ?? undefined });
  ctx.log.info(`submitted ${content.byteLength} bytes (sha256 ${sha256}) for analysis ${scanId}`);
  const analysis = await pollAnalysis(ctx, scanId, parameter.wait_time);
  return analysisResult(ctx, scanId, analysis, () => getObject(ctx, `files/${sha256}`));
});

const getReport: ActionHandler = serviceAction(async (ctx, parameter) => {
  const scanId = text(parameter.scan_id);
  if (!scanId) return failed("scan_id: required");
  const analysis = await pollAnalysis(ctx, scanId, parameter.wait_time);
  const meta = (analysis?.meta ?? {}) as { url_info?: { id?: string }; file_info?: { sha256?: string } };
  const item = meta.file_info?.sha256 ? `files/${meta.file_info.sha256}` : meta.url_info?.id ? `urls/${meta.url_info.id}` : undefined;
  return analysisResult(ctx, scanId, analysis, async () => (item ? getObject(ctx, item) : undefined));
});

const app: AppModule = {
  actions: {
    // One lookup of a well-known address: cheap, and it fails exactly when the key is refused.
    test_connectivity: connectivityTest(async (ctx) => {
      if (!(await getObject(ctx, "ip_addresses/8.8.8.8"))) throw new ServiceFailure(`${NAME} did not answer the test lookup`);
    }),
    ip_reputation: reputation("IP", (v) => (isIP(v) ? `ip_addresses/${v}` : undefined), "ip"),
    domain_reputation: reputation("domain", (v) => (isDomain(v) ? `domains/${v.toLowerCase()}` : undefined), "domain"),
    url_reputation: reputation("URL", (v) => (v ? `urls/${urlId(v)}` : undefined), "url"),
    file_reputation: reputation("file", (v) => (isHash(v) ? `files/${v.toLowerCase()}` : undefined), "hash"),
    detonate_url: detonateUrl,
    detonate_file: detonateFile,
    get_report: getReport,
  },
};
export default app;
