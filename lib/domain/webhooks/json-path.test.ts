import { describe, expect, it } from "vitest";
import { parseJsonPath, readJsonPath } from "./json-path";

describe("webhook JSON paths", () => {
  const alert = { alert: { title: "Brute force", src: { ip: "203.0.113.7" } }, alerts: [{ labels: { host: "web-1" } }], "odd key.x": 3 };

  it("reads dotted fields, indexes and quoted keys", () => {
    expect(readJsonPath(alert, parseJsonPath("$.alert.src.ip"))).toBe("203.0.113.7");
    expect(readJsonPath(alert, parseJsonPath("alert.title"))).toBe("Brute force");
    expect(readJsonPath(alert, parseJsonPath("$.alerts[0].labels.host"))).toBe("web-1");
    expect(readJsonPath(alert, parseJsonPath(`$["odd key.x"]`))).toBe(3);
    expect(readJsonPath(alert, parseJsonPath(`$['alert']['title']`))).toBe("Brute force");
  });

  it("answers undefined for a missing step instead of throwing", () => {
    expect(readJsonPath(alert, parseJsonPath("$.alert.dst.ip"))).toBeUndefined();
    expect(readJsonPath(alert, parseJsonPath("$.alerts[3].labels"))).toBeUndefined();
    expect(readJsonPath(alert, parseJsonPath("$.alert[0]"))).toBeUndefined();
    expect(readJsonPath(alert, parseJsonPath("$.alert.constructor"))).toBeUndefined();
  });

  it("refuses malformed paths with a message naming them", () => {
    expect(() => parseJsonPath("$")).toThrow(/whole document/);
    expect(() => parseJsonPath("$.a..b")).toThrow(/"\$\.a\.\.b": expected a field name/);
    expect(() => parseJsonPath("$.a[x]")).toThrow(/expected \[<index>\]/);
    expect(() => parseJsonPath("$.a b")).toThrow(/unexpected " "/);
    expect(() => parseJsonPath("")).toThrow(/empty/);
  });
});
