import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("contentDisposition", () => {
  it("keeps plain names and encodes the rest", () => {
    expect(contentDisposition("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition('a"b\r\nc\\.txt')).toBe(`attachment; filename="a_b__c_.txt"; filename*=UTF-8''a%22b%0D%0Ac%5C.txt`);
    expect(contentDisposition("résumé.txt")).toContain("filename*=UTF-8''r%C3%A9sum%C3%A9.txt");
  });
});

describe("contentDisposition for names a strict RFC 5987 parser reads", () => {
  it("encodes ' ( ) * and survives a lone surrogate", () => {
    expect(contentDisposition("it's (1)*.txt")).toContain("filename*=UTF-8''it%27s%20%281%29%2A.txt");
    expect(contentDisposition("bad\ud800.txt")).toContain("filename*=UTF-8''bad%EF%BF%BD.txt");
    expect(contentDisposition("отчёт 2026.pdf")).toBe(
      `attachment; filename="_____ 2026.pdf"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%202026.pdf`,
    );
  });
});
