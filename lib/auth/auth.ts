import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { z } from "zod";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { authSecret } from "@/lib/env";
import { authenticateWithPassword } from "./authenticate-with-password";

class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

const ZCredentials = z.object({ email: z.string().email(), password: z.string().min(1).max(200) });

/**
 * Auth.js (next-auth v5): email + password, JWT sessions. The Drizzle adapter keeps Auth.js's
 * tables ready for OAuth providers; credentials sign-in checks bcrypt hashes in `authenticateWithPassword`.
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
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const ip = request?.headers?.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
        const result = await authenticateWithPassword(await getDb(), { ...parsed.data, ip });
        if (result.status === "rate_limited") throw new RateLimitedSignIn();
        if (result.status !== "ok") return null;
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
