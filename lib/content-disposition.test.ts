import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("contentDisposition", () => {
  it("keeps plain names and encodes the rest", () => {
    expect(contentDisposition("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    expect(contentDisposition('a"b\r\nc\\.txt')).toBe(`attachment; filename="a_b__c_.txt"; filename*=UTF-8''a%22b%0D%0Ac%5C.txt`);
    expect(contentDisposition("résumé.txt")).toContain("filename*=UTF-8''r%C3%A9sum%C3%A9.txt");
  });
});
