// The actions a user may run by hand, with their parameters and assets (the CEF value menu).
import { consoleJson } from "@/lib/console-api";
import { runnableActions } from "@/lib/domain/action-catalog";

export const dynamic = "force-dynamic";

export const GET = () => consoleJson(["actions.run", "apps.read"], () => runnableActions());
