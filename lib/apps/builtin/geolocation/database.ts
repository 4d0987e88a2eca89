// The geolocation app's MMDB readers. The default is the country database shipped in npm
// `@ip-location-db/geo-whois-asn-country-mmdb` (country code only); an administrator refreshes
// or upgrades it by pointing the asset's `database_path` at another MMDB file (a newer download,
// or a GeoLite2-City database, which fills city, region, coordinates and time zone too). A
// reader is reopened when its file's modification time or size changes, so replacing the file
// in place is picked up by the next action without a restart.
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import maxmind, { type Reader, type Response } from "maxmind";

const cache = new Map<string, { version: string; reader: Promise<Reader<Response>> }>();

/** A definite problem with the database (missing, unreadable, not an MMDB): retrying won't fix it. */
export class DatabaseError extends Error {}

const SHIPPED = "@ip-location-db/geo-whois-asn-country-mmdb/package.json";

/** The shipped database, found from this module or, when app code is bundled elsewhere, from the working directory. */
export function shippedDatabasePath(): string {
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve(SHIPPED);
  } catch {
    pkg = createRequire(path.join(process.cwd(), "package.json")).resolve(SHIPPED);
  }
  return path.join(path.dirname(pkg), "geo-whois-asn-country.mmdb");
}

export async function openDatabase(file: string): Promise<Reader<Response>> {
  const resolved = path.resolve(file);
  const info = await stat(resolved).catch((error: NodeJS.ErrnoException) => {
    throw new DatabaseError(`Cannot read the MMDB database ${resolved}: ${error.code ?? error.message}`);
  });
  const version = `${info.mtimeMs}:${info.size}`;
  const cached = cache.get(resolved);
  if (cached?.version === version) return cached.reader;
  const reader = maxmind.open<Response>(resolved, { cache: { max: 10_000 } }).catch((error: Error) => {
    cache.delete(resolved);
    throw new DatabaseError(`${resolved} is not a readable MMDB database: ${error.message}`);
  });
  cache.set(resolved, { version, reader });
  return reader;
}
