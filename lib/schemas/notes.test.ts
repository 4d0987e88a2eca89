import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { isBase64, vaultAddSchema } from "./notes";

describe("vault_add base64 check", () => {
  it("accepts base64 as clients send it: line breaks, padding, trailing space", () => {
    for (const ok of ["", "aGk=", "aGVsbG8gd29ybGQ=\n", "aGVs\r\nbG8g\nd29y bGQ=", "YQ==  \n", "a+/Z", "AA =="]) expect(isBase64(ok), ok).toBe(true);
  });

  it("refuses anything else", () => {
    for (const bad of ["***not base64***", "aGk=a", "a===", "a= =", "a-b_", "é", "AAAA !"]) expect(isBase64(bad), bad).toBe(false);
  });

  it("answers a long run of spaces before a bad character in linear time", () => {
    // The old regex /^[A-Za-z0-9+/\s]*={0,2}\s*$/ took over a second on 32,000 spaces, minutes on 1 MB.
    const hostile = "AAAA" + " ".repeat(1_000_000) + "!";
    const start = performance.now();
    const parsed = vaultAddSchema.safeParse({ container_id: 1, file_name: "a.txt", file_content: hostile });
    expect(performance.now() - start).toBeLessThan(200);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("file_content must be base64");
  });
});
