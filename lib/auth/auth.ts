// next-auth, configured for local accounts. The JWT cookie carries only a session id; the
// session row in PostgreSQL is the truth (lib/auth/sessions.ts).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { readConfig } from "../config";
import { log } from "../log";
import { createSession } from "./sessions";
import { checkCredentials } from "./sign-in";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
/** Carries the back-off to the sign-in page, which says when to try again. */
export class RateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

const maxAge = readConfig().sessionMaxAgeSeconds;

/** The client address as the Vigil server saw it (set by the server, never by the client). */
export function clientAddress(headers: Headers): string | null {
  return headers.get("x-vigil-client-address");
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // next-auth prints every refused sign-in as a multi-line stack trace on the console; a wrong
  // password is an everyday event, so it becomes one JSON line at warn level (no credentials).
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) log.warn({ component: "auth", code: error.code }, "sign-in refused");
      else log.error({ component: "auth", err: error }, "authentication error");
    },
    warn(code) {
      log.warn({ component: "auth", code }, "next-auth warning");
    },
    debug() {},
  },
  session: { strategy: "jwt", maxAge },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(credentials, request) {
        const username = typeof credentials.username === "string" ? credentials.username.trim() : "";
        const password = typeof credentials.password === "string" ? credentials.password : "";
        if (!username || !password || username.length > 200 || password.length > 1000) throw new InvalidCredentials();
        const address = clientAddress(request.headers);
        const result = await checkCredentials(username, password, address);
        if (!result.ok) throw result.reason === "rate_limited" ? new RateLimited(result.retryAfterSeconds) : new InvalidCredentials();
        const sid = await createSession(result.value.id, maxAge, { address, userAgent: request.headers.get("user-agent") });
        return { id: sid, name: result.value.username };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sid = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
    },
  },
});
