import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { z } from "zod";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { authSecret } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";
import { safeAuthRedirect } from "@/lib/http/safe-redirect";
import { logError } from "@/lib/log";
import { authenticateWithPassword } from "./authenticate-with-password";
import { createUserSession, endUserSession, isUserSessionActive, SESSION_MAX_AGE_SECONDS } from "./user-sessions";

class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

const ZCredentials = z.object({ email: z.string().email(), password: z.string().min(1).max(200) });

/**
 * Auth.js (next-auth v5): email + password, JWT sessions backed by a server-side session record.
 * The JWT carries the id of a `user_sessions` row (`sid`), created at sign-in and checked on every
 * request (one primary-key read): sign-out deletes the row, a password reset or change deletes all of
 * the user's rows, so a copied cookie stops working at once. (Credentials sign-in cannot use Auth.js
 * database sessions; a per-user version alone would end every device on any sign-out.) The Drizzle
 * adapter keeps Auth.js's tables ready for OAuth providers.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  adapter: DrizzleAdapter(await getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const headers = request?.headers ?? new Headers();
        const result = await authenticateWithPassword(await getDb(), { ...parsed.data, address: clientAddress(headers) });
        if (result.status === "rate_limited") throw new RateLimitedSignIn();
        if (result.status !== "ok") return null;
        return { id: result.user.id, email: result.user.email, name: result.user.name, userAgent: headers.get("user-agent") };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      const db = await getDb();
      if (user?.id) {
        const session = await createUserSession(db, { userId: user.id, userAgent: (user as { userAgent?: string | null }).userAgent ?? null });
        return { ...token, sub: user.id, sid: session.id };
      }
      if (!token.sub || typeof token.sid !== "string") return null;
      return (await isUserSessionActive(db, { sessionId: token.sid, userId: token.sub })) ? token : null;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
    redirect: safeAuthRedirect,
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endUserSession(await getDb(), sid);
    },
  },
  logger: {
    error(error) {
      // A wrong password is not an error of the app; everything else is logged without its input.
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      logError("auth error", error);
    },
    warn() {},
    debug() {},
  },
}));
