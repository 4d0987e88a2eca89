import { describe, expect, it } from "vitest";
import { sanitizeQueueParams } from "./events";

describe("sanitizeQueueParams", () => {
  it("drops what the queue cannot use, names it, and keeps the rest", () => {
    expect(sanitizeQueueParams({ tags: "x", sort: "bogus", from: "notadate", dir: "asc" })).toEqual({
      params: { tags: "x", dir: "asc" }, dropped: expect.arrayContaining(["sort", "from"]),
    });
    expect(sanitizeQueueParams({ status: "new,open", sort: "severity" })).toEqual({ params: { status: "new,open", sort: "severity" }, dropped: [] });
    expect(sanitizeQueueParams({ limit: "0", owner: "someone" }).params).toEqual({});
  });
});
