import { describe, expect, it } from "vitest";
import { redactor } from "./redact";

describe("redactor", () => {
  it("replaces secret values anywhere in a result, including ones JSON would escape", () => {
    const secret = 'p"a\\ss';
    const redact = redactor([secret, "tok-1", ""]);
    const result = redact({ message: `bad ${secret}`, data: [{ headers: { "x-token": "tok-1", [secret]: 1 } }], n: 3, ok: true, none: null });
    expect(result).toEqual({ message: "bad [redacted]", data: [{ headers: { "x-token": "[redacted]", "[redacted]": 1 } }], n: 3, ok: true, none: null });
    expect(JSON.stringify(result)).not.toContain("tok-1");
    expect(redact("plain")).toBe("plain");
  });
});
