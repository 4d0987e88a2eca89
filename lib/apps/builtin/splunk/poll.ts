// Splunk `on poll`: runs the asset's on_poll_query (typically `index=notable` for Splunk ES
// notable events) over the time since the last poll and saves one container per result, its
// fields as one artifact's CEF with Splunk's CIM names mapped to CEF as SOAR's app maps them.
// The cursor (the end of the last window read) is kept in app state; a result seen twice keeps
// its source_data_identifier (event_id, or a hash of the event) so it is never saved twice.
import { createHash } from "node:crypto";
import { failed, success, type ActionHandler, type AppContext, type IngestContainer } from "@/lib/apps/sdk";
import { configNumber, configText, serviceAction } from "../service-call";
import { search } from "./api";
import { buildQuery } from "./query";

/** Splunk CIM field -> CEF field, as SOAR's Splunk app maps them. */
const CIM_CEF: Record<string, string> = {
  action: "act", app: "app", bytes_in: "bytesIn", bytes_out: "bytesOut", category: "cat", dest: "destinationAddress",
  dest_ip: "destinationAddress", dest_mac: "destinationMacAddress", dest_nt_domain: "destinationNtDomain", dest_port: "destinationPort",
  dest_translated_ip: "destinationTranslatedAddress", dest_translated_port: "destinationTranslatedPort", direction: "deviceDirection",
  dns: "destinationDnsDomain", dvc_ip: "deviceAddress", dvc_mac: "deviceMacAddress", file_hash: "fileHash", file_name: "fileName",
  file_path: "filePath", file_size: "fileSize", protocol: "transportProtocol", src: "sourceAddress", src_dns: "sourceDnsDomain",
  src_ip: "sourceAddress", src_mac: "sourceMacAddress", src_nt_domain: "sourceNtDomain", src_port: "sourcePort",
  src_translated_ip: "sourceTranslatedAddress", src_translated_port: "sourceTranslatedPort", src_user: "sourceUserId",
  transport: "transportProtocol", url: "requestURL", user: "destinationUserName", user_id: "destinationUserId",
};
/** Splunk's bookkeeping fields: nothing an analyst looks for. */
const INTERNAL = new Set(["_bkt", "_cd", "_si", "_serial", "_sourcetype", "_indextime", "_kv", "_eventtype_color", "linecount", "splunk_server", "splunk_server_group"]);
const SEVERITY: Record<string, string> = { critical: "high", high: "high", medium: "medium", low: "low", informational: "low" };

interface Cursor { latest?: number }

export function resultCef(result: Record<string, unknown>, removeEmpty: boolean): Record<string, unknown> {
  const cef: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(result)) {
    if (INTERNAL.has(field) || (removeEmpty && (value === "" || value === null || (Array.isArray(value) && !value.length)))) continue;
    const name = CIM_CEF[field] ?? field;
    if (!(name in cef)) cef[name] = value;
  }
  return cef;
}

export function resultContainer(result: Record<string, unknown>, config: AppContext["config"]): IngestContainer {
  const eventId = typeof result.event_id === "string" && result.event_id ? result.event_id : undefined;
  const sdi = config.use_event_id_sdi === true && eventId ? eventId
    : createHash("sha256").update(JSON.stringify(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)))).digest("hex");
  const values = configText(config, "container_name_values").split(",").map((f) => f.trim()).filter(Boolean).map((f) => result[f]).filter((v) => v !== undefined && v !== "");
  const base = configText(config, "container_name_prefix") || String(result.search_name ?? result.rule_name ?? "Splunk event");
  const urgency = typeof result.urgency === "string" ? SEVERITY[result.urgency.toLowerCase()] : undefined;
  return {
    name: [base, ...values.map(String)].join(" ").slice(0, 1024),
    source_data_identifier: sdi,
    ...(urgency ? { severity: urgency } : {}),
    ...(typeof result.rule_description === "string" ? { description: result.rule_description.slice(0, 4000) } : {}),
    data: { splunk: result },
    artifacts: [{ name: "Field Values", label: "event", cef: resultCef(result, config.remove_empty_cef === true) }],
  };
}

const timeOf = (r: Record<string, unknown>) => {
  const t = Date.parse(String(r._time ?? ""));
  return Number.isNaN(t) ? 0 : t;
};

export const onPoll: ActionHandler = serviceAction(async (ctx, parameter) => {
  if (!ctx.saveContainer) return failed("on poll needs saveContainer: run it as the app's ingest action");
  const query = configText(ctx.config, "on_poll_query");
  if (!query) return failed("on_poll_query: set the search to poll (e.g. index=notable) in the asset's configuration");
  const spl = buildQuery(configText(ctx.config, "on_poll_command") || "search", query, configText(ctx.config, "on_poll_display"));
  const cursor = (await ctx.state.get<Cursor>()) ?? {};
  const now = Math.floor(Date.now() / 1000);
  const earliest = typeof cursor.latest === "number" ? String(cursor.latest) : configText(ctx.config, "poll_first_earliest", "-24h");
  const { sid, results } = await search(ctx, spl, { earliest, latest: String(now) });
  const limit = Number(parameter.container_count) > 0 ? Number(parameter.container_count) : configNumber(ctx.config, "max_container", 100);
  // Oldest first; when there are more than `limit`, the next poll starts at the last one taken.
  const ordered = [...results].sort((a, b) => timeOf(a) - timeOf(b));
  const batch = ordered.slice(0, limit);
  const saved: { container_id: number; existing: boolean; source_data_identifier: string }[] = [];
  for (const result of batch) {
    const container = resultContainer(result, ctx.config);
    const outcome = await ctx.saveContainer(container);
    saved.push({ container_id: outcome.id, existing: outcome.existing, source_data_identifier: container.source_data_identifier });
  }
  const latest = ordered.length > limit ? Math.floor(timeOf(batch.at(-1)!) / 1000) : now;
  await ctx.state.set({ latest } satisfies Cursor);
  const created = saved.filter((s) => !s.existing).length;
  return success(`Sid: ${sid}, ingested ${created} new event${created === 1 ? "" : "s"} of ${results.length}`, saved, { sid, containers_created: created, total_events: results.length });
});
