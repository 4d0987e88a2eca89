import { describe, expect, it } from "vitest";
import { runAction } from "./action-result";

describe("runAction under database faults", () => {
  it("tells the user a lost connection may have saved the change, and to try again", async () => {
    const result = await runAction(async () => {
      throw Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
    });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/may or may not have been saved: check, then try again in a few seconds/) });
  });

  it("says nothing was saved when the database could not be reached", async () => {
    const result = await runAction(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/nothing was saved: try again/) });
  });

  it("still lets a bug reach the error boundary", async () => {
    await expect(runAction(async () => {
      throw new TypeError("x is undefined");
    })).rejects.toThrow(TypeError);
  });
});
