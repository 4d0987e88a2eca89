// SOAR's `test connectivity` contract, the same for every app that connects somewhere: any
// failure (retryable or not) is a failed result "Test Connectivity Failed. <why>", since the
// person pressing the button wants the reason now, not a retry.
import { failed, success, type ActionHandler, type AppContext } from "@/lib/apps/sdk";

export function connectivityTest(check: (ctx: AppContext) => Promise<void>): ActionHandler {
  return async (ctx) => {
    try {
      await check(ctx);
    } catch (err) {
      return failed(`Test Connectivity Failed. ${(err as Error).message}`);
    }
    return success("Test Connectivity Passed");
  };
}
