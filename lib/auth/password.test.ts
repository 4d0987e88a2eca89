import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, needsRehash, SCRYPT_COST, verifyPassword } from "./password";

// Made by Vigil before the cost was raised (N=2^15), for the password "old horse".
const OLD_HASH = "scrypt$32768$8$1$MDEyMzQ1Njc4OWFiY2RlZg$pgFYATJ4_dhrot6XfCo60-h3a464oYrc7MFd9OpiKjo";

describe("password hashing", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored.startsWith("scrypt$")).toBe(true);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct hors", stored)).toBe(false);
  });

  it("hashes new passwords with N of at least 2^17 and records the cost in the hash", async () => {
    expect(SCRYPT_COST.N).toBeGreaterThanOrEqual(2 ** 17);
    const [, n, r, p] = (await hashPassword("costly")).split("$");
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 17);
    expect([Number(r), Number(p)]).toEqual([SCRYPT_COST.r, SCRYPT_COST.p]);
  });

  it("still verifies hashes made with the old, lower cost, and says they need a rehash", async () => {
    expect(await verifyPassword("old horse", OLD_HASH)).toBe(true);
    expect(await verifyPassword("old hors", OLD_HASH)).toBe(false);
    expect(needsRehash(OLD_HASH)).toBe(true);
    expect(needsRehash(await hashPassword("fresh"))).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses accounts without a password and stored costs it would not choose", async () => {
    expect(await verifyPassword("anything", null)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
    // A tampered row must not make the server allocate gigabytes.
    expect(await verifyPassword("old horse", OLD_HASH.replace("32768", String(2 ** 24)))).toBe(false);
    expect(await verifyPassword("old horse", OLD_HASH.replace("32768", "1000"))).toBe(false);
  });

  it("generates distinct passwords", () => {
    const a = generatePassword();
    expect(a.length).toBeGreaterThanOrEqual(20);
    expect(a).not.toBe(generatePassword());
  });
});
