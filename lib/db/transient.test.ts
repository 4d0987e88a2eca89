import { describe, expect, it } from "vitest";
import { retryAfterSeconds, safeToRepeat, transientKind, transientMessage } from "./transient";

// The shapes below are those node-postgres and Prisma's pg adapter produce (see ./transient.ts).
const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code, severity: "FATAL" });
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code, syscall: "connect", errno: -111 });
const throughPrisma = (cause: object) => Object.assign(new Error("Invalid `prisma.x()` invocation"), {
  code: "P2010", meta: { driverAdapterError: Object.assign(new Error("DriverAdapterError"), { cause }) },
});

describe("transientKind", () => {
  it.each([
    ["57P01", "lost"], ["57P02", "lost"], ["57P03", "unreachable"], ["53300", "busy"], ["40001", "conflict"], ["40P01", "conflict"],
    ["57014", "slow"], ["55P03", "slow"],
  ])("SQLSTATE %s from node-postgres is %s", (code, kind) => {
    expect(transientKind(pgError(code))).toBe(kind);
  });

  it("recognises socket errors and node-postgres's code-less connection errors", () => {
    expect(transientKind(socketError("ECONNREFUSED"))).toBe("unreachable");
    expect(transientKind(socketError("ECONNRESET"))).toBe("lost");
    expect(transientKind(new Error("Connection terminated unexpectedly"))).toBe("lost");
    expect(transientKind(new Error("Client has encountered a connection error and is not queryable"))).toBe("lost");
    expect(transientKind(new Error("timeout exceeded when trying to connect"))).toBe("busy");
    // The client gave up on a server that never answered: a write may still commit there.
    expect(transientKind(new Error("Query read timeout"))).toBe("lost");
  });

  it("finds the fault inside Prisma's errors, by SQLSTATE or by the adapter's kind", () => {
    expect(transientKind(throughPrisma({ kind: "postgres", code: "57P01" }))).toBe("lost");
    expect(transientKind(throughPrisma({ kind: "TooManyConnections", originalCode: "53300" }))).toBe("busy");
    expect(transientKind(throughPrisma({ kind: "DatabaseNotReachable" }))).toBe("unreachable");
    expect(transientKind(Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" }))).toBe("busy");
  });

  it("leaves bugs and client mistakes alone", () => {
    expect(transientKind(pgError("23505", "duplicate key"))).toBeUndefined();
    expect(transientKind(pgError("42P01", "relation does not exist"))).toBeUndefined();
    expect(transientKind(throughPrisma({ kind: "UniqueConstraintViolation", originalCode: "23505" }))).toBeUndefined();
    expect(transientKind(new TypeError("x is undefined"))).toBeUndefined();
    expect(transientKind(null)).toBeUndefined();
  });
});

describe("what may be repeated", () => {
  it("repeats only work that cannot have been written: never sent, or rolled back", () => {
    expect(safeToRepeat("unreachable")).toBe(true);
    expect(safeToRepeat("busy")).toBe(true);
    // A statement stopped at its timeout would only wait as long again.
    expect(safeToRepeat("slow")).toBe(false);
    expect(safeToRepeat("conflict")).toBe(true);
    expect(safeToRepeat("lost")).toBe(false);
  });

  it("tells a writer whose connection was lost that the change may have been saved", () => {
    expect(transientMessage("lost", true)).toMatch(/may or may not have been saved/);
    expect(transientMessage("unreachable", true)).toMatch(/nothing was saved/);
    expect(retryAfterSeconds("lost")).toBeGreaterThan(0);
  });
});
