import { describe, expect, it } from "vitest";
import { mentionedNames } from "./mentions";

describe("mentionedNames", () => {
  it("finds @names at the start, after spaces and punctuation, once each, without the sentence's full stop", () => {
    expect(mentionedNames("@alice please look. cc @bob.smith, (@carol-1) and @alice again.")).toEqual(["alice", "bob.smith", "carol-1"]);
  });
  it("does not take an email address or a bare @ for a mention", () => {
    expect(mentionedNames("mail jdoe@corp.test or write @ me")).toEqual([]);
  });
});
