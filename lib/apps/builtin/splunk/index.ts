// Splunk app: SOAR's Splunk actions `run query`, `get host events`, `update event`, `post data`
// and `test connectivity`, same identifiers, parameters and output data paths, over Splunk's
// REST API (search jobs, ES notable_update, receivers/simple). Each search result is one data
// row, as in SOAR's app; the summary holds the job's sid and the number of events.
import { failed, success, type ActionHandler, type AppModule } from "@/lib/apps/sdk";
import { callService, connectivityTest, objectAt, serviceAction, ServiceFailure } from "../service-call";
import { namespace, NAME, search, service } from "./api";
import { onPoll } from "./poll";
import { buildQuery } from "./query";

export { buildQuery };

const text = (v: unknown) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

const runQuery: ActionHandler = serviceAction(async (ctx, parameter) => {
  const query = text(parameter.query);
  if (!query) return failed("query: required");
  const command = text(parameter.command) || "search";
  const spl = buildQuery(command, query, text(parameter.display));
  if (parameter.parse_only === true) {
    const res = await callService(ctx, service(ctx), { path: `${namespace(ctx.config)}search/parser`, query: { q: spl, parse_only: "true", output_mode: "json" } });
    return success("Query parsed successfully", [objectAt(res.body, NAME, "a JSON object")], { sid: null, total_events: 0 });
  }
  const { sid, results } = await search(ctx, spl, { earliest: text(parameter.start_time), latest: text(parameter.end_time), mode: text(parameter.search_mode) });
  const rows = parameter.add_raw_field === false ? results.map(({ _raw: _omit, ...rest }) => rest) : results;
  return success(`Sid: ${sid}, Total events: ${rows.length}`, rows, { sid, total_events: rows.length });
});

const getHostEvents: ActionHandler = serviceAction(async (ctx, parameter) => {
  const host = text(parameter.ip_hostname);
  if (!host) return failed("ip_hostname: required");
  if (/["\\]/.test(host)) return failed(`ip_hostname: not a host name or IP: ${JSON.stringify(host)}`);
  const days = parameter.last_n_days === undefined || parameter.last_n_days === "" ? undefined : Number(parameter.last_n_days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) return failed(`last_n_days: expected a positive whole number, got ${JSON.stringify(parameter.last_n_days)}`);
  const { sid, results } = await search(ctx, `search host="${host}"`, { earliest: days ? `-${days}d` : undefined, latest: days ? "now" : undefined });
  return success(`Sid: ${sid}, Total events: ${results.length}`, results, { sid, total_events: results.length });
});

const STATUS: Record<string, number> = { unassigned: 0, new: 1, "in progress": 2, pending: 3, resolved: 4, closed: 5 };
const DISPOSITION: Record<string, number> = {
  Unassigned: 0, "True Positive - Suspicious Activity": 1, "Benign Positive - Suspicious But Expected": 2,
  "False Positive - Incorrect Analytic Logic": 3, "False Positive - Inaccurate Data": 4, Other: 5, Undetermined: 6,
};

const updateEvent: ActionHandler = serviceAction(async (ctx, parameter) => {
  const ids = text(parameter.event_ids).split(",").map((id) => id.trim()).filter(Boolean);
  if (!ids.length) return failed("event_ids: required");
  const form = new URLSearchParams();
  for (const id of ids) form.append("ruleUIDs", id);
  const status = text(parameter.status);
  if (status && !(status in STATUS)) return failed(`status: expected one of ${Object.keys(STATUS).join(", ")}`);
  const integerStatus = parameter.integer_status ?? (status ? STATUS[status] : undefined);
  if (integerStatus !== undefined && integerStatus !== "") form.set("status", String(integerStatus));
  const disposition = text(parameter.disposition);
  if (disposition && !(disposition in DISPOSITION)) return failed(`disposition: expected one of ${Object.keys(DISPOSITION).join(", ")}`);
  const integerDisposition = parameter.integer_disposition ?? (disposition ? DISPOSITION[disposition] : undefined);
  if (integerDisposition !== undefined && integerDisposition !== "") form.set("disposition", `disposition:${integerDisposition}`);
  if (text(parameter.urgency)) form.set("urgency", text(parameter.urgency));
  if (text(parameter.owner)) form.set("newOwner", text(parameter.owner));
  if (text(parameter.comment)) form.set("comment", text(parameter.comment));
  form.set("output_mode", "json");
  const res = await callService<Record<string, unknown>>(ctx, service(ctx), {
    method: "POST", path: `${namespace(ctx.config)}notable_update`, body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  const row = objectAt(res.body, NAME, "a JSON object");
  if (row.success !== true) throw new ServiceFailure(`${NAME} did not update the event: ${text(row.message) || "no reason given"}`);
  return success(`Updated event id: ${ids.join(", ")}`, [row], { updated_event_id: ids.join(", ") });
});

const postData: ActionHandler = serviceAction(async (ctx, parameter) => {
  const data = typeof parameter.data === "string" ? parameter.data : "";
  if (!data) return failed("data: required");
  await callService(ctx, service(ctx), {
    method: "POST",
    path: "services/receivers/simple",
    query: {
      host: text(parameter.host) || undefined,
      index: text(parameter.index) || undefined,
      source: text(parameter.source) || "Phantom",
      sourcetype: text(parameter.source_type) || "Automation/Orchestration Platform",
    },
    body: data,
    headers: { "content-type": "text/plain" },
  });
  return success("Successfully posted the data");
});

const app: AppModule = {
  actions: {
    test_asset_connectivity: connectivityTest((ctx) => callService(ctx, service(ctx), { path: "services/server/info", query: { output_mode: "json" } })),
    run_query: runQuery,
    get_host_events: getHostEvents,
    update_event: updateEvent,
    post_data: postData,
    on_poll: onPoll,
  },
};
export default app;
