// The split every built-in app makes: an error of one of its "permanent" kinds (NXDOMAIN, an
// RDAP 404, an unreadable database) is a failed result carrying the error's message; anything
// else propagates, so a TransientError is retried by the runner.
import { failed, type ActionResult } from "@/lib/apps/sdk";

type ErrorClass = abstract new (...args: never[]) => Error;

export function failingOn(...permanent: ErrorClass[]) {
  return async (run: () => Promise<ActionResult>): Promise<ActionResult> => {
    try {
      return await run();
    } catch (error) {
      if (permanent.some((kind) => error instanceof kind)) return failed((error as Error).message);
      throw error;
    }
  };
}
