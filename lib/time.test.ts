import { describe, expect, it } from "vitest";
import { formatTime, fromZonedInput, isTimeZone, toZonedInput, zoneLabel } from "./time";

describe("times in the user's zone", () => {
  const at = "2026-11-23T13:02:00Z";

  it("formats and labels a time in UTC, Tokyo and Paris", () => {
    expect(formatTime(at, "UTC")).toBe("2026-11-23 13:02 UTC");
    expect(formatTime(at, "Asia/Tokyo")).toBe("2026-11-23 22:02 GMT+9");
    expect(formatTime(at, "Europe/Paris")).toBe("2026-11-23 14:02 CET");
    expect(formatTime(at, "Europe/Paris", { bare: true })).toBe("2026-11-23 14:02");
    expect(formatTime(at, "UTC", { seconds: true })).toBe("2026-11-23 13:02:00 UTC");
    expect(formatTime(null, "UTC")).toBe("");
    expect(formatTime("yesterday-ish", "UTC")).toBe("");
  });

  it("names summer time by its own label", () => {
    expect(zoneLabel("Europe/Paris", "2026-07-01T00:00:00Z")).toBe("CEST");
    expect(zoneLabel("Europe/Paris", at)).toBe("CET");
  });

  it("accepts IANA zones and UTC, and nothing else", () => {
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Asia/Tokyo")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    // An unknown zone never throws while rendering: it reads as UTC.
    expect(formatTime(at, "Mars/Olympus")).toBe("2026-11-23 13:02 UTC");
  });

  it("round-trips a datetime-local value through the zone, across a DST change", () => {
    expect(toZonedInput(at, "Asia/Tokyo")).toBe("2026-11-23T22:02");
    expect(fromZonedInput("2026-11-23T22:02", "Asia/Tokyo")?.toISOString()).toBe("2026-11-23T13:02:00.000Z");
    expect(fromZonedInput("2026-07-01T12:00", "Europe/Paris")?.toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(fromZonedInput("2026-01-01T12:00", "Europe/Paris")?.toISOString()).toBe("2026-01-01T11:00:00.000Z");
    expect(fromZonedInput("2026-01-01T12:00", "UTC")?.toISOString()).toBe("2026-01-01T12:00:00.000Z");
    expect(fromZonedInput("not a time", "UTC")).toBeNull();
  });
});
