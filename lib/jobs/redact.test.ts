import { describe, expect, it } from "vitest";
import { MIN_SECRET_LENGTH, redactor } from "./redact";

describe("redactor", () => {
  it("replaces secret values anywhere in a result, including ones JSON would escape", () => {
    const secret = 'p"a\\ss-word';
    const redact = redactor([secret, "tok-123456", ""]);
    const result = redact({ message: `bad ${secret}`, data: [{ headers: { "x-token": "tok-123456", [secret]: 1 } }], n: 3, ok: true, none: null });
    expect(result).toEqual({ message: "bad [redacted]", data: [{ headers: { "x-token": "[redacted]", "[redacted]": 1 } }], n: 3, ok: true, none: null });
    expect(JSON.stringify(result)).not.toContain("tok-123456");
    expect(redact("plain")).toBe("plain");
  });

  it("leaves short secrets inside other text alone, redacting only a string that is the secret", () => {
    expect(MIN_SECRET_LENGTH).toBe(6);
    const redact = redactor(["1", "admin", "abc12"]);
    const result = redact({ count: "11 of 21", url: "https://host/admin/users", password: "admin", pin: "abc12", note: "abc123" });
    expect(result).toEqual({ count: "11 of 21", url: "https://host/admin/users", password: "[redacted]", pin: "[redacted]", note: "abc123" });
  });

  it("cuts out a long secret that contains another one whole", () => {
    const redact = redactor(["secret", "secret-and-more"]);
    expect(redact("x secret-and-more y secret z")).toBe("x [redacted] y [redacted] z");
  });
});
