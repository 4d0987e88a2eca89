import { describe, expect, it } from "vitest";
import { DEFAULT_CEF_FIELDS, extractIndicators, resolveCefTypes } from "./cef";

describe("CEF typing", () => {
  it("types the default fields as Phantom does", () => {
    expect(DEFAULT_CEF_FIELDS.sourceAddress).toEqual(["ip"]);
    expect(DEFAULT_CEF_FIELDS.requestURL).toEqual(["url"]);
    expect(DEFAULT_CEF_FIELDS.fileHashSha256).toEqual(["hash", "sha256"]);
    expect(DEFAULT_CEF_FIELDS.destinationDnsDomain).toEqual(["domain"]);
    expect(DEFAULT_CEF_FIELDS.fromEmail).toEqual(["email"]);
  });

  it("lets an artifact's cef_types win over custom fields, and custom fields over defaults", () => {
    const custom = new Map([["attackerIp", ["ip"]], ["sourceAddress", ["ip", "private ip"]]]);
    const types = resolveCefTypes(
      { sourceAddress: "10.0.0.1", attackerIp: "1.2.3.4", requestURL: "http://x", note: "free text", fileHash: "ab" },
      { fileHash: ["sha1"] },
      custom,
    );
    expect(types).toEqual({ sourceAddress: ["ip", "private ip"], attackerIp: ["ip"], requestURL: ["url"], fileHash: ["sha1"] });
  });

  it("extracts indicator values, once per field and value, skipping ports, empties and objects", () => {
    const cef = {
      sourceAddress: " 10.0.0.1 ", destinationPort: 443, fileName: ["a.exe", "b.exe", "a.exe"], requestURL: "",
      destinationAddress: { nested: true }, toEmail: "x@example.test",
    };
    const found = extractIndicators(cef, resolveCefTypes(cef, undefined, new Map()));
    expect(found).toEqual([
      { field: "sourceAddress", value: "10.0.0.1", types: ["ip"] },
      { field: "fileName", value: "a.exe", types: ["file name"] },
      { field: "fileName", value: "b.exe", types: ["file name"] },
      { field: "toEmail", value: "x@example.test", types: ["email"] },
    ]);
  });

  it("leaves values too long for an index out of the indicators", () => {
    const cef = { requestURL: "http://x/" + "a".repeat(3000) };
    expect(extractIndicators(cef, resolveCefTypes(cef, undefined, new Map()))).toEqual([]);
  });
});
