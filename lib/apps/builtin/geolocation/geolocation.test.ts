// The geolocation app against the real shipped database, and against MMDB files an
// administrator would install (GeoLite2-City and -ASN shaped), written by the test.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testContext } from "../app-test-context";
import app, { isPrivate } from "./index";
import { writeMmdb } from "./mmdb-writer";

const dir = mkdtempSync(path.join(tmpdir(), "vigil-geo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CITY = {
  "203.0.113.0/24": {
    continent: { code: "EU", names: { en: "Europe" } },
    country: { iso_code: "FR", names: { en: "France" } },
    city: { names: { en: "Lyon" } },
    subdivisions: [{ iso_code: "ARA", names: { en: "Auvergne-Rhone-Alpes" } }],
    postal: { code: "69001" },
    location: { latitude: 45.7578, longitude: 4.832, time_zone: "Europe/Paris" },
  },
};
const ASN = { "8.8.8.0/24": { autonomous_system_number: 15169, autonomous_system_organization: "GOOGLE" } };

describe("geolocate ip with the shipped database", () => {
  it("locates 8.8.8.8 in the United States, leaving out what the database does not have", async () => {
    const result = await app.actions.lookup_ip!(testContext(), { ip: "8.8.8.8" });
    expect(result).toEqual({
      status: "success",
      message: "Country: United States",
      data: [{ country_iso_code: "US", country_name: "United States" }],
      summary: { country: "United States" },
    });
  });

  it("locates IPv6 addresses too", async () => {
    const result = await app.actions.lookup_ip!(testContext(), { ip: "2001:4860:4860::8888" });
    expect(result.data[0]).toMatchObject({ country_iso_code: "US" });
  });

  it.each(["10.1.2.3", "192.168.0.1", "127.0.0.1", "172.20.0.1", "fd00::1", "fe80::1", "::1"])("has no location for private %s", async (ip) => {
    const result = await app.actions.lookup_ip!(testContext(), { ip });
    expect(result).toMatchObject({ status: "failed", message: `No location for private address ${ip}` });
  });

  it.each(["8.8.8", "example.com", "", "999.1.1.1"])("refuses %j as not an IP", async (ip) => {
    const result = await app.actions.lookup_ip!(testContext(), { ip });
    expect(result).toMatchObject({ status: "failed", message: `Not an IP address: ${JSON.stringify(ip)}` });
  });

  it("passes test connectivity with the default test address", async () => {
    const result = await app.actions.test_asset_connectivity!(testContext(), {});
    expect(result).toMatchObject({ status: "success", message: "Test Connectivity Passed: 8.8.8.8 is in US" });
  });
});

describe("an administrator's database", () => {
  it("fills every SOAR field from a GeoLite2-City shaped database", async () => {
    const file = path.join(dir, "city.mmdb");
    writeFileSync(file, writeMmdb(CITY, "GeoLite2-City"));
    const result = await app.actions.lookup_ip!(testContext({ database_path: file }), { ip: "203.0.113.9" });
    expect(result).toEqual({
      status: "success",
      message: "City: Lyon, State: ARA, Country: France",
      data: [{
        country_iso_code: "FR", country_name: "France", continent_name: "Europe", city_name: "Lyon",
        state_iso_code: "ARA", state_name: "Auvergne-Rhone-Alpes", postal_code: "69001",
        latitude: 45.7578, longitude: 4.832, time_zone: "Europe/Paris",
      }],
      summary: { city: "Lyon", state: "ARA", country: "France" },
    });
    expect(await app.actions.lookup_ip!(testContext({ database_path: file }), { ip: "198.51.100.1" })).toMatchObject({
      status: "failed", message: "No location for 198.51.100.1 in the database",
    });
  });

  it("reloads the database when the file is replaced", async () => {
    const file = path.join(dir, "country.mmdb");
    writeFileSync(file, writeMmdb({ "8.8.8.0/24": { country_code: "US" } }));
    const ctx = testContext({ database_path: file });
    expect((await app.actions.lookup_ip!(ctx, { ip: "8.8.8.8" })).data[0]).toMatchObject({ country_iso_code: "US" });
    writeFileSync(file, writeMmdb({ "8.8.8.0/24": { country_code: "CA" } }));
    utimesSync(file, new Date(), new Date(Date.now() + 5000)); // a new mtime even on a coarse clock
    expect((await app.actions.lookup_ip!(ctx, { ip: "8.8.8.8" })).data[0]).toMatchObject({ country_iso_code: "CA", country_name: "Canada" });
  });

  it("fails clearly when the configured file is missing or not an MMDB", async () => {
    const missing = path.join(dir, "nope.mmdb");
    expect(await app.actions.lookup_ip!(testContext({ database_path: missing }), { ip: "8.8.8.8" })).toEqual({
      status: "failed", message: `Cannot read the MMDB database ${missing}: ENOENT`, data: [], summary: {},
    });
    const junk = path.join(dir, "junk.mmdb");
    writeFileSync(junk, "not a database");
    const result = await app.actions.lookup_ip!(testContext({ database_path: junk }), { ip: "8.8.8.8" });
    expect(result.message).toMatch(new RegExp(`^${junk} is not a readable MMDB database`));
  });
});

describe("lookup asn", () => {
  it("answers from a configured ASN database, and geolocate ip adds as_org", async () => {
    const file = path.join(dir, "asn.mmdb");
    writeFileSync(file, writeMmdb(ASN, "GeoLite2-ASN"));
    const ctx = testContext({ asn_database_path: file });
    expect(await app.actions.lookup_asn!(ctx, { ip: "8.8.8.8" })).toEqual({
      status: "success", message: "ASN: 15169, Organization: GOOGLE",
      data: [{ asn: 15169, as_org: "GOOGLE" }], summary: { asn: 15169, as_org: "GOOGLE" },
    });
    expect((await app.actions.lookup_ip!(ctx, { ip: "8.8.8.8" })).data[0]).toMatchObject({ country_iso_code: "US", as_org: "GOOGLE" });
    expect((await app.actions.lookup_asn!(ctx, { ip: "1.1.1.1" })).message).toBe("No ASN for 1.1.1.1 in the database");
  });

  it("says what to configure when no ASN database is set (the shipped one has countries only)", async () => {
    const result = await app.actions.lookup_asn!(testContext(), { ip: "8.8.8.8" });
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/^No ASN database configured: set asn_database_path/);
  });
});

it("knows the special-purpose ranges", () => {
  expect(["100.64.0.1", "169.254.1.1", "fc00::1"].every(isPrivate)).toBe(true);
  expect(["8.8.8.8", "172.32.0.1", "2001:db8::1", "100.128.0.1"].some(isPrivate)).toBe(false);
});
