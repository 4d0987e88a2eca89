// Every /rest path no other route serves: a JSON 404 in Phantom's shape, never the console's
// HTML page (scripts parse every /rest answer as JSON).
import { noSuchEndpoint } from "@/lib/rest/methods";

export const dynamic = "force-dynamic";

export { noSuchEndpoint as GET, noSuchEndpoint as POST, noSuchEndpoint as PUT, noSuchEndpoint as PATCH, noSuchEndpoint as DELETE };
