import { describe, expect, it } from "vitest";
import { DomainError } from "../domain/errors";
import { parseFilterKey, parseListQuery, parsePythonLiteral } from "./filters";

describe("Python literals in _filter_ values", () => {
  it("parses text, numbers, booleans, None and lists", () => {
    expect(parsePythonLiteral('"open"')).toBe("open");
    expect(parsePythonLiteral("'it\\'s'")).toBe("it's");
    expect(parsePythonLiteral("42")).toBe(42);
    expect(parsePythonLiteral("-1.5")).toBe(-1.5);
    expect(parsePythonLiteral("True")).toBe(true);
    expect(parsePythonLiteral("False")).toBe(false);
    expect(parsePythonLiteral("None")).toBeNull();
    expect(parsePythonLiteral('["high", "medium"]')).toEqual(["high", "medium"]);
    expect(parsePythonLiteral("(1, 2,)")).toEqual([1, 2]);
    expect(parsePythonLiteral(" [ ] ")).toEqual([]);
    expect(parsePythonLiteral('"\\u00e9\\n"')).toBe("é\n");
  });

  it("refuses unquoted text, trailing junk and unterminated values", () => {
    for (const bad of ["open", '"open', "[1, 2", "1 2", "", "[1;2]", '"a\\q"', "'\\0'", "[".repeat(20)]) {
      expect(() => parsePythonLiteral(bad), bad).toThrow();
    }
  });
});

describe("filter names", () => {
  it("splits field, JSON path and lookup", () => {
    expect(parseFilterKey("status")).toEqual({ field: "status", path: [], lookup: "exact" });
    expect(parseFilterKey("id__in")).toEqual({ field: "id", path: [], lookup: "in" });
    expect(parseFilterKey("cef__sourceAddress")).toEqual({ field: "cef", path: ["sourceAddress"], lookup: "exact" });
    expect(parseFilterKey("cef__requestURL__icontains")).toEqual({ field: "cef", path: ["requestURL"], lookup: "icontains" });
    expect(() => parseFilterKey("cef____x")).toThrow(DomainError);
  });
});

describe("list parameters", () => {
  it("defaults to page 0 of 10 in ascending order", () => {
    expect(parseListQuery(new URLSearchParams(""))).toEqual({ filters: [], sort: undefined, order: "asc", page: 0, pageSize: 10 });
  });

  it("reads paging, sorting and filters", () => {
    const q = parseListQuery(new URLSearchParams('page=2&page_size=0&sort=create_time&order=desc&_filter_status="open"&_filter_id__gt=5&pretty=1'));
    expect(q).toMatchObject({ page: 2, pageSize: 10_000, sort: "create_time", order: "desc" });
    expect(q.filters).toEqual([
      { key: "_filter_status", field: "status", path: [], lookup: "exact", value: "open" },
      { key: "_filter_id__gt", field: "id", path: [], lookup: "gt", value: 5 },
    ]);
  });

  it("caps page_size at 10,000 rows: 0 (\"all\" in Phantom) and larger sizes get 10,000", () => {
    const size = (qs: string) => parseListQuery(new URLSearchParams(qs)).pageSize;
    expect(size("page_size=0")).toBe(10_000);
    expect(size("page_size=250000")).toBe(10_000);
    expect(size("page_size=10000")).toBe(10_000);
    expect(size("page_size=500")).toBe(500);
  });

  it("names the parameter it refuses", () => {
    const message = (qs: string) => {
      try {
        parseListQuery(new URLSearchParams(qs));
      } catch (err) {
        return (err as DomainError).message;
      }
      return "accepted";
    };
    expect(message("page=-1")).toContain("page must be");
    expect(message("page_size=abc")).toContain("page_size must be");
    expect(message("order=sideways")).toContain("order must be");
    expect(message("_filter_status=open")).toContain("_filter_status");
  });
});
