import { describe, expect, it } from "vitest";
import { findIndicators, kindOf, refang } from "./text-indicators";

describe("indicators in text", () => {
  it("finds URLs (with their domains), emails, IPs and hashes, refanged, without trailing punctuation", () => {
    const text = `Phish from bad.actor@evil.example linking hxxps://login.evil[.]example/reset?id=7. Callback 203.0.113.7, not 999.1.1.1.
      Dropper 44d88612fea8a8f36de82e1278abb02f and ${"a".repeat(64)}; see (https://evil.example/x) or report.pdf v1.2.3.`;
    expect(findIndicators(text)).toEqual([
      { kind: "url", value: "https://login.evil.example/reset?id=7" },
      { kind: "domain", value: "login.evil.example" },
      { kind: "url", value: "https://evil.example/x" },
      { kind: "domain", value: "evil.example" },
      { kind: "email", value: "bad.actor@evil.example" },
      { kind: "ip", value: "203.0.113.7" },
      { kind: "md5", value: "44d88612fea8a8f36de82e1278abb02f" },
      { kind: "sha256", value: "a".repeat(64) },
    ]);
    expect(refang("evil[.]example hxxp://x[.]com")).toBe("evil.example http://x.com");
  });

  it("types single values and refuses what is none of them", () => {
    expect(kindOf("https://evil.example/a")).toBe("url");
    expect(kindOf("2001:db8::1")).toBe("ip");
    expect(kindOf("evil.example", "domain")).toBe("domain");
    expect(kindOf("da39a3ee5e6b4b0d3255bfef95601890afd80709")).toBe("sha1");
    expect(kindOf("ftp://evil.example")).toBeUndefined();
    expect(kindOf("not a thing")).toBeUndefined();
    expect(kindOf("999.1.1.1")).toBeUndefined();
  });
});
