// Geolocation app: SOAR's MaxMind app actions (`geolocate ip`, `test connectivity`, same
// identifiers and output paths) plus `lookup asn`, answered offline from MMDB files. A row holds
// only what the database knows: the shipped database has the country alone, so city, region,
// coordinates and time zone are absent unless the administrator configures a richer database.
import { isIP } from "node:net";
import { failed, success, type ActionHandler, type AppContext, type AppModule } from "@/lib/apps/sdk";
import { failingOn } from "../permanent";
import { DatabaseError, openDatabase, shippedDatabasePath } from "./database";

type Loose = Record<string, unknown>;
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

const str = (value: unknown) => (typeof value === "string" && value ? value : undefined);
const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const en = (record: unknown) => str((record as { names?: Loose } | undefined)?.names?.en);

function countryName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    const name = regionNames.of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One row in SOAR's maxmind shape from either record layout: MaxMind's GeoIP2/GeoLite2
 * (`country.iso_code`, `city.names.en`, ...) or ip-location-db's flat one (`country_code`,
 * `city`, `state1`, ...). Absent fields are dropped rather than set to null or "".
 */
export function locationRow(record: Loose): Loose {
  const country = record.country as Loose | undefined;
  const subdivision = (record.subdivisions as Loose[] | undefined)?.[0];
  const location = record.location as Loose | undefined;
  const code = str(country?.iso_code) ?? str(record.country_code);
  const row: Loose = {
    country_iso_code: code,
    country_name: en(country) ?? countryName(code),
    continent_name: en(record.continent),
    city_name: en(record.city) ?? str(record.city),
    state_iso_code: str(subdivision?.iso_code),
    state_name: en(subdivision) ?? str(record.state1),
    postal_code: str((record.postal as Loose | undefined)?.code) ?? str(record.postcode),
    latitude: num(location?.latitude) ?? num(record.latitude),
    longitude: num(location?.longitude) ?? num(record.longitude),
    time_zone: str(location?.time_zone) ?? str(record.timezone),
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

// Special-purpose ranges (RFC 6890) have no place on a map: say so instead of "not found".
const PRIVATE = [
  /^10\./, /^127\./, /^0\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
  /^::1?$/i, /^f[cd][0-9a-f]{0,2}:/i, /^fe[89ab][0-9a-f]?:/i,
];
export const isPrivate = (ip: string) => PRIVATE.some((range) => range.test(ip));

function ipParameter(value: unknown): string | undefined {
  const ip = typeof value === "string" ? value.trim() : "";
  return isIP(ip) ? ip : undefined;
}

function databasePath(ctx: AppContext, key: "database_path" | "asn_database_path"): string | undefined {
  const configured = str(typeof ctx.config[key] === "string" ? (ctx.config[key] as string).trim() : undefined);
  return configured ?? (key === "database_path" ? shippedDatabasePath() : undefined);
}

async function lookup(file: string, ip: string): Promise<Loose | undefined> {
  const reader = await openDatabase(file);
  return (reader.get(ip) as Loose | null) ?? undefined;
}

/** Database problems are permanent for this run: a failed result with the reason. */
const guarded = failingOn(DatabaseError);

const geolocateIp: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const ip = ipParameter(parameter.ip);
    if (!ip) return failed(`Not an IP address: ${JSON.stringify(parameter.ip ?? "")}`);
    if (isPrivate(ip)) return failed(`No location for private address ${ip}`);
    const record = await lookup(databasePath(ctx, "database_path")!, ip);
    if (!record) return failed(`No location for ${ip} in the database`);
    const row = locationRow(record);
    const asnPath = databasePath(ctx, "asn_database_path");
    const asn = asnPath ? await lookup(asnPath, ip) : undefined;
    if (str(asn?.autonomous_system_organization)) row.as_org = asn!.autonomous_system_organization;
    const summary = Object.fromEntries(
      Object.entries({ city: row.city_name, state: row.state_iso_code, country: row.country_name }).filter(([, v]) => v !== undefined),
    );
    const message = Object.entries(summary).map(([k, v]) => `${k[0]!.toUpperCase()}${k.slice(1)}: ${v}`).join(", ");
    return success(message || `Country: ${row.country_iso_code}`, [row], summary);
  });

const lookupAsn: ActionHandler = (ctx, parameter) =>
  guarded(async () => {
    const ip = ipParameter(parameter.ip);
    if (!ip) return failed(`Not an IP address: ${JSON.stringify(parameter.ip ?? "")}`);
    if (isPrivate(ip)) return failed(`No ASN for private address ${ip}`);
    const file = databasePath(ctx, "asn_database_path");
    // The shipped database has countries only; ASNs need a database the administrator provides.
    if (!file) return failed("No ASN database configured: set asn_database_path to an ASN MMDB file (GeoLite2-ASN or ip-location-db asn)");
    const record = await lookup(file, ip);
    const asn = num(record?.autonomous_system_number);
    if (!record || asn === undefined) return failed(`No ASN for ${ip} in the database`);
    const org = str(record.autonomous_system_organization);
    return success(`ASN: ${asn}${org ? `, Organization: ${org}` : ""}`, [{ asn, as_org: org }], { asn, as_org: org });
  });

const testConnectivity: ActionHandler = async (ctx) => {
  const ip = ipParameter(ctx.config.ip_address ?? "8.8.8.8");
  if (!ip) return failed(`ip_address ${JSON.stringify(ctx.config.ip_address)} is not an IP address`);
  const result = await geolocateIp(ctx, { ip });
  return result.status === "success"
    ? success(`Test Connectivity Passed: ${ip} is in ${String(result.data[0]?.country_iso_code)}`)
    : failed(`Test Connectivity Failed: ${result.message}`);
};

const app: AppModule = {
  actions: { test_asset_connectivity: testConnectivity, lookup_ip: geolocateIp, lookup_asn: lookupAsn },
};
export default app;
