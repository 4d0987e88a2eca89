// The requests `npm run bench:rest` measures (lib/bench/rest.ts): issue 14's table, then every
// filter lookup on containers, artifacts and indicators, with values read from the seeded
// database so that each one finds something (besides the issue's own "10.0.0.1").
import type pg from "pg";

export interface BenchRequest {
  /** issue, containers, artifacts, indicators or console */
  table: string;
  name: string;
  path: string;
  /** A console page (session cookie) rather than /rest (token). */
  console?: boolean;
}

const q = (s: string) => encodeURIComponent(s);
/** A Python text literal for a filter value. */
const lit = (s: string) => q(JSON.stringify(s));

export async function benchRequests(db: pg.Client): Promise<BenchRequest[]> {
  const one = async <T extends pg.QueryResultRow>(sql: string) => (await db.query<T>(sql)).rows[0]!;
  const mid = await one<{ a: number; c: number }>(`select (select max(id) / 2 from artifacts) as a, (select max(id) / 2 from containers) as c`);
  const net = await one<{ ip: string; c: number }>(`select cef->>'sourceAddress' as ip, container_id as c from artifacts where id >= ${mid.a} and name = 'network' order by id limit 1`);
  const ips = (await db.query<{ ip: string }>(`select cef->>'sourceAddress' as ip from artifacts where id >= ${mid.a + 1000} and name = 'network' order by id limit 3`)).rows.map((r) => r.ip);
  const web = await one<{ domain: string; url: string }>(`select cef->>'destinationDnsDomain' as domain, cef->>'requestURL' as url from artifacts where id >= ${mid.a} and name = 'url' order by id limit 1`);
  const file = await one<{ name: string; hash: string }>(`select cef->>'fileName' as name, cef->>'fileHashSha256' as hash from artifacts where id >= ${mid.a} and name = 'file' order by id limit 1`);
  const box = await one<{ name: string; sdi: string; t: Date }>(`select name, source_data_identifier as sdi, create_time as t from containers where id >= ${mid.c} and label = 'malware' order by id limit 1`);
  const owner = await one<{ id: number }>(`select owner_id as id from containers where owner_id is not null and id >= ${mid.c} limit 1`);
  const ind = await one<{ value: string }>(`select value from indicators where types @> array['domain'] order by id desc limit 1`);
  const maxes = await one<{ a: number }>(`select (select max(id) from artifacts) as a`);
  const day = (d: number) => new Date(box.t.getTime() + d * 86_400_000).toISOString().slice(0, 19) + "Z";
  const recent = new Date(Date.now() - 3_600_000).toISOString().slice(0, 19) + "Z";
  const word = box.name.split(" ").pop()!; // "WS-1234": a rare word of one malware event's name
  const filters = "status=open&severity=high&label=malware";

  return [
    { table: "issue", name: "artifacts by CEF value (10.0.0.1)", path: `/rest/artifact?_filter_cef__sourceAddress=${lit("10.0.0.1")}&page_size=10` },
    { table: "issue", name: "containers name icontains malware, newest first", path: `/rest/container?_filter_name__icontains=${lit("malware")}&page_size=10&sort=create_time&order=desc` },
    { table: "issue", name: "containers severity high", path: `/rest/container?_filter_severity=${lit("high")}&page_size=10` },
    { table: "issue", name: "containers, first page", path: "/rest/container?page_size=10" },
    { table: "issue", name: "console queue status+severity+label", path: `/events?${filters}`, console: true },
    { table: "issue", name: "console queue", path: "/events", console: true },

    ...["update_time", "name", "id", "due_time", "severity"].map((sort) => ({
      table: "console", name: `queue status+severity+label, sort ${sort}`, path: `/events?${filters}&sort=${sort}`, console: true,
    })),
    { table: "console", name: "queue status+severity+label+owner", path: `/events?${filters}&owner=${owner.id}`, console: true },
    { table: "console", name: "queue status+severity+label+owner, sort name asc", path: `/events?${filters}&owner=${owner.id}&sort=name&dir=asc`, console: true },

    { table: "containers", name: "exact (status)", path: `/rest/container?_filter_status=${lit("new")}&page_size=10` },
    { table: "containers", name: "exact (source_data_identifier)", path: `/rest/container?_filter_source_data_identifier=${lit(box.sdi)}` },
    { table: "containers", name: "exact x3 (status, severity, label)", path: `/rest/container?_filter_status=${lit("open")}&_filter_severity=${lit("high")}&_filter_label=${lit("malware")}&page_size=10&sort=create_time&order=desc` },
    { table: "containers", name: "iexact (name)", path: `/rest/container?_filter_name__iexact=${lit(box.name.toUpperCase())}` },
    { table: "containers", name: "in (status)", path: `/rest/container?_filter_status__in=${q('["new", "open"]')}&page_size=10` },
    { table: "containers", name: "contains (name)", path: `/rest/container?_filter_name__contains=${lit(box.name.slice(0, 24))}&page_size=10` },
    { table: "containers", name: "icontains (name, rare word)", path: `/rest/container?_filter_name__icontains=${lit(word.toLowerCase())}&page_size=10` },
    { table: "containers", name: "startswith (name)", path: `/rest/container?_filter_name__startswith=${lit("Phishing email reported: link to cdn")}&page_size=10` },
    { table: "containers", name: "gt (create_time, last hour)", path: `/rest/container?_filter_create_time__gt=${lit(recent)}&page_size=10` },
    { table: "containers", name: "lt (id)", path: `/rest/container?_filter_id__lt=1000&page_size=10&order=desc` },
    { table: "containers", name: "isnull (owner)", path: `/rest/container?_filter_owner__isnull=True&page_size=10` },
    { table: "containers", name: "range (create_time, one day)", path: `/rest/container?_filter_create_time__range=${q(JSON.stringify([day(-1), day(0)]))}&page_size=10&sort=create_time` },

    { table: "artifacts", name: "exact (cef sourceAddress, seen)", path: `/rest/artifact?_filter_cef__sourceAddress=${lit(net.ip)}&page_size=10` },
    { table: "artifacts", name: "exact (cef fileHashSha256)", path: `/rest/artifact?_filter_cef__fileHashSha256=${lit(file.hash)}&page_size=10` },
    { table: "artifacts", name: "exact (container)", path: `/rest/artifact?_filter_container=${net.c}` },
    { table: "artifacts", name: "iexact (cef destinationDnsDomain)", path: `/rest/artifact?_filter_cef__destinationDnsDomain__iexact=${lit(web.domain.toUpperCase())}&page_size=10` },
    { table: "artifacts", name: "in (cef sourceAddress, 3 values)", path: `/rest/artifact?_filter_cef__sourceAddress__in=${q(JSON.stringify(ips))}&page_size=10` },
    { table: "artifacts", name: "contains (cef requestURL)", path: `/rest/artifact?_filter_cef__requestURL__contains=${lit(web.url.slice(8))}&page_size=10` },
    { table: "artifacts", name: "icontains (cef fileName)", path: `/rest/artifact?_filter_cef__fileName__icontains=${lit(file.name.toUpperCase())}&page_size=10` },
    { table: "artifacts", name: "startswith (cef requestURL)", path: `/rest/artifact?_filter_cef__requestURL__startswith=${lit(`https://${web.domain}/`)}&page_size=10` },
    { table: "artifacts", name: "icontains (name)", path: `/rest/artifact?_filter_name__icontains=${lit("netw")}&page_size=10` },
    { table: "artifacts", name: "gt (id)", path: `/rest/artifact?_filter_id__gt=${maxes.a - 100}&page_size=10` },
    { table: "artifacts", name: "lt (container)", path: `/rest/artifact?_filter_container__lt=100&page_size=10` },
    { table: "artifacts", name: "isnull (source_data_identifier)", path: `/rest/artifact?_filter_source_data_identifier__isnull=True&page_size=10` },
    { table: "artifacts", name: "range (container)", path: `/rest/artifact?_filter_container__range=${q(JSON.stringify([mid.c, mid.c + 10]))}&page_size=10` },

    { table: "indicators", name: "exact (value)", path: `/rest/indicator?_filter_value=${lit(ind.value)}` },
    { table: "indicators", name: "iexact (value)", path: `/rest/indicator?_filter_value__iexact=${lit(ind.value.toUpperCase())}` },
    { table: "indicators", name: "in (value)", path: `/rest/indicator?_filter_value__in=${q(JSON.stringify([ind.value, net.ip, file.hash]))}` },
    { table: "indicators", name: "contains (value)", path: `/rest/indicator?_filter_value__contains=${lit(ind.value.slice(0, 8))}&page_size=10` },
    { table: "indicators", name: "icontains (value)", path: `/rest/indicator?_filter_value__icontains=${lit(ind.value.slice(0, 8).toUpperCase())}&page_size=10` },
    { table: "indicators", name: "startswith (value)", path: `/rest/indicator?_filter_value__startswith=${lit(net.ip.slice(0, 6))}&page_size=10` },
    { table: "indicators", name: "contains (types)", path: `/rest/indicator?_filter_types__contains=${lit("domain")}&page_size=10` },
    { table: "indicators", name: "gt (count)", path: `/rest/indicator?_filter_count__gt=20&page_size=10` },
    { table: "indicators", name: "lt (last_seen)", path: `/rest/indicator?_filter_last_seen__lt=${lit(day(0))}&page_size=10` },
    { table: "indicators", name: "isnull (types)", path: `/rest/indicator?_filter_types__isnull=False&page_size=10` },
    { table: "indicators", name: "range (first_seen, one day)", path: `/rest/indicator?_filter_first_seen__range=${q(JSON.stringify([day(-1), day(0)]))}&page_size=10` },
  ];
}
