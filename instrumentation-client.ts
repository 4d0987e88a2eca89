// Runs in the browser before the console hydrates. Zod probes `new Function("")` to decide
// whether it may compile fast parsers; the CSP forbids eval (script-src has no 'unsafe-eval'), so
// the probe fails anyway and only leaves a CSP violation report on every page that builds a
// schema. Jitless mode skips the probe; parsing is unchanged. The server keeps the fast path.
import { z } from "zod";

z.config({ jitless: true });
