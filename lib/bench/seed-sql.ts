// The statements of `npm run seed:scale` (lib/bench/seed-scale.ts). Each runs once per batch.
// Times are UTC in `timestamp` columns, as the domain layer writes them.

/**
 * One batch: containers $1..$2 (the generate_series range; $3: the SDI prefix; $4: owner ids),
 * their artifacts and notes, in one statement, so that batches can run on several connections
 * at once without knowing each other's ids. Indicators come after the load (`indicators`).
 */
const containers = `
with s as (
  select g, r.*,
    -- Older events are mostly closed; recent ones mostly still new or open.
    case when r.age > interval '3 days' then r.rs < 0.9 else r.rs < 0.3 end as closed,
    r.rs < 0.97 as acked
  from generate_series($1::int, $2::int) g,
  lateral (select random() * interval '90 days' as age, random() as rs, random() as rv, random() as ra,
    random() as rc, floor(random() * 50000)::int as ip, floor(random() * 8000)::int as dom, g as gg) r
), t as (
  select s.*, (now() at time zone 'utc') - s.age as ct,
    (array['events','phishing','malware','network','vulnerability','insider'])[1 + s.g % 6] as label,
    case when s.rv < 0.5 then 'low' when s.rv < 0.85 then 'medium' else 'high' end as severity,
    '10.' || (s.ip >> 12) || '.' || ((s.ip >> 4) & 255) || '.' || (s.ip & 15) * 16 + s.g % 16 as addr,
    (array['login','mail','cdn','update','files','secure','portal','vpn'])[1 + s.dom % 8] || s.dom || '.' ||
      (array['example.com','corp.test','badcdn.net','phish.io','tracker.org'])[1 + s.dom % 5] as domain
  from s
), u as (
  select t.*,
    case when t.acked or t.closed then least(t.ct + (t.ra * t.ra) * interval '8 hours', now() at time zone 'utc') end as ot
  from t
)
, ins as (
  insert into containers (name, description, label, severity, sensitivity, status, owner_id, tags,
    source_data_identifier, container_type, due_time, start_time, open_time, close_time, hash,
    artifact_count, artifact_update_time, create_time, update_time)
  select
    case u.label
      when 'events' then 'Suspicious outbound connection from ' || u.addr
      when 'phishing' then 'Phishing email reported: link to ' || u.domain
      when 'malware' then 'Malware detected on workstation WS-' || (u.g % 4000)
      when 'network' then 'Port scan from ' || u.addr
      when 'vulnerability' then 'Critical vulnerability on host srv-' || (u.g % 900)
      else 'Unusual data transfer by user ' || (array['jdoe','asmith','bwong','cgarcia','dmueller'])[1 + u.g % 5]
    end,
    'Raised by ' || (array['Splunk','Suricata','CrowdStrike','Proofpoint','Zeek','Defender'])[1 + u.g % 6] ||
      ' rule ' || (1000 + u.g % 300) || ' for ' || u.domain || '.',
    u.label, u.severity, (array['white','green','amber','amber','red'])[1 + u.g % 5],
    case when u.closed then 'closed' when u.ot is not null then 'open' else 'new' end,
    case when u.ot is not null then ($4::int[])[1 + u.g % cardinality($4::int[])] end,
    case when u.g % 7 = 0 then array['seed', 'triage'] else array['seed'] end,
    $3 || u.g, 'default',
    u.ct + case u.severity when 'high' then interval '1 hour' when 'medium' then interval '12 hours' else interval '24 hours' end,
    u.ct, u.ot,
    case when u.closed then least(u.ot + (u.rc * u.rc) * interval '72 hours', now() at time zone 'utc') end,
    md5($3 || u.g), 3, u.ct, u.ct, coalesce(u.ot, u.ct)
  from u
  returning id, create_time, open_time, owner_id
)`;

/** The artifacts of the batch's containers (`ins`, the CTE above). */
const artifacts = `
, c as (
  select id, create_time as ct, random() as r1, random() as r2, floor(random() * 50000)::int as ip1,
    floor(random() * 50000)::int as ip2, floor(random() * 8000)::int as dom, floor(random() * 100000)::int as hsh
  from ins
), a as (
  insert into artifacts (container_id, name, label, type, severity, cef, cef_types, hash, start_time, create_time, update_time)
  select c.id, v.name, v.name, v.name, 'medium', v.cef, v.types, md5(c.id || '-' || v.name), c.ct, c.ct, c.ct
  from c, lateral (values
    ('network', jsonb_build_object(
        'sourceAddress', '10.' || (c.ip1 >> 12) || '.' || ((c.ip1 >> 4) & 255) || '.' || (c.ip1 & 15) * 16,
        'destinationAddress', (array['185','91','45','203'])[1 + c.ip2 % 4] || '.' || (c.ip2 >> 8) % 256 || '.' || c.ip2 % 256 || '.' || (c.ip2 % 200 + 1),
        'destinationPort', (array[443, 80, 22, 3389, 445, 8080])[1 + floor(c.r1 * 6)::int],
        'transportProtocol', 'TCP'),
      '{"sourceAddress":["ip"],"destinationAddress":["ip"],"destinationPort":["port"]}'::jsonb),
    ('url', jsonb_build_object(
        'requestURL', 'https://' || (array['login','mail','cdn','update','files','secure','portal','vpn'])[1 + c.dom % 8] || c.dom || '.' ||
          (array['example.com','corp.test','badcdn.net','phish.io','tracker.org'])[1 + c.dom % 5] || '/' ||
          (array['index.php','download','auth/reset','invoice.pdf','api/v1/beacon'])[1 + floor(c.r2 * 5)::int],
        'destinationDnsDomain', (array['login','mail','cdn','update','files','secure','portal','vpn'])[1 + c.dom % 8] || c.dom || '.' ||
          (array['example.com','corp.test','badcdn.net','phish.io','tracker.org'])[1 + c.dom % 5]),
      '{"requestURL":["url"],"destinationDnsDomain":["domain"]}'::jsonb),
    ('file', jsonb_build_object(
        'fileName', (array['invoice','payload','setup','report','update','scan'])[1 + c.hsh % 6] || (c.hsh % 500) ||
          (array['.exe','.dll','.docm','.ps1','.zip'])[1 + c.hsh % 5],
        'fileHashSha256', encode(sha256(('vigil-sample-' || c.hsh)::bytea), 'hex'),
        'fileSize', 1000 + c.hsh % 900000),
      '{"fileName":["file name"],"fileHashSha256":["hash","sha256"]}'::jsonb)
  ) as v(name, cef, types)
  returning id
)`;

/**
 * Indicators and their links for the artifacts with ids in [$1, $2) whose value falls in hash
 * partition $3 of $4: each connection of the load takes one partition, so no two upsert the same
 * indicator and none waits for another's row locks.
 */
const indicators = `
with found as (
  select a.id as artifact_id, a.container_id, a.create_time, f.key as field, a.cef ->> f.key as value,
    array(select jsonb_array_elements_text(f.value)) as types
  from artifacts a, jsonb_each(a.cef_types) f
  where a.id >= $1 and a.id < $2 and f.key <> 'destinationPort' and abs(hashtext(a.cef ->> f.key)) % $4 = $3
), ind as (
  insert into indicators (value, types, first_seen, last_seen, count)
  select value, max(types), min(create_time), max(create_time), count(distinct artifact_id)::int
  from found group by value
  on conflict (value) do update set
    first_seen = least(indicators.first_seen, excluded.first_seen),
    last_seen = greatest(indicators.last_seen, excluded.last_seen),
    count = indicators.count + excluded.count
  returning id, value
)
insert into indicator_artifacts (indicator_id, artifact_id, container_id, field)
select ind.id, found.artifact_id, found.container_id, found.field from found join ind using (value)
`;

/** A note on ~15% of the batch's worked containers, by their owner. */
const notes = `
, n as (
  insert into notes (container_id, author_id, title, content, note_type, create_time, update_time)
  select c.id, c.owner_id,
    (array['Triage','Containment','Root cause','Escalation'])[1 + c.id % 4],
    (array[
      'Confirmed with the user: the login came from a known VPN exit; benign.',
      'Host isolated by EDR; reimage scheduled. Credentials rotated for the affected account.',
      'Beaconing every 60 seconds to the destination; blocked at the proxy and escalated to tier 2.',
      'Attachment detonated in the sandbox: dropper contacting a command-and-control domain.',
      'False positive: vulnerability scanner run by the infrastructure team, ticket attached.'
    ])[1 + c.id % 5],
    'general', c.open_time, c.open_time
  from ins c
  where c.open_time is not null and c.id % 100 < 15
  returning id
)`;

/** Containers, artifacts and notes of one batch; returns how many of each it wrote. */
const batch = `${containers}${artifacts}${notes}
select (select count(*) from ins) as containers, (select count(*) from a) as artifacts, (select count(*) from n) as notes`;

export const SEED_SQL = { batch, indicators };
