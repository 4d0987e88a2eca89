// SOAR compatibility helpers: time format, ignored list parameters, the Allow of a path.
import { describe, expect, it } from "vitest";
import { parseListQuery } from "./filters";
import { allowedMethods } from "./methods";
import { phantomTime } from "./shapes";

describe("phantomTime", () => {
  it("writes UTC with six fractional digits, as Phantom does", () => {
    expect(phantomTime(new Date("2019-11-30T02:31:24.444Z"))).toBe("2019-11-30T02:31:24.444000Z");
    expect(phantomTime(new Date("2026-01-01T00:00:00Z"))).toBe("2026-01-01T00:00:00.000000Z");
    expect(phantomTime(null)).toBeNull();
    expect(phantomTime(new Date(Number.NaN))).toBeNull();
  });
});

describe("parseListQuery", () => {
  it("ignores _annotation_* and pretty instead of refusing them", () => {
    const q = parseListQuery(new URLSearchParams("_annotation_authorized_users&_annotation_x=1&pretty&include_expensive&_filter_status=\"open\""));
    expect(q.filters.map((f) => f.key)).toEqual(["_filter_status"]);
  });
});

describe("allowedMethods", () => {
  it("takes the Allow of a path from the operations table; sub-routes outrank the field route", () => {
    expect(allowedMethods("/rest/container")).toEqual(["DELETE", "GET", "POST"]);
    expect(allowedMethods("/rest/container/5")).toEqual(["DELETE", "GET", "POST"]);
    expect(allowedMethods("/rest/container/5/artifacts")).toEqual(["GET"]);
    expect(allowedMethods("/rest/container/5/notes")).toEqual(["GET", "POST"]);
    expect(allowedMethods("/rest/container/5/name")).toEqual(["GET"]);
    expect(allowedMethods("/rest/openapi.json")).toEqual(["GET"]);
    expect(allowedMethods("/rest/nothing")).toEqual([]);
  });
});
