import { integer, pgTable, primaryKey, text, timestamp, uniqueIndex, index } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, tstz } from "./columns";

/** People who sign in. Auth.js's `users` shape plus a password hash. Emails are stored lower-cased. */
export const users = pgTable(
  "users",
  {
    id: id("user"),
    name: text(),
    email: text().notNull(),
    emailVerified: timestamp({ withTimezone: true, mode: "date" }),
    image: text(),
    passwordHash: text(),
    createdAt: createdAt(),
  },
  (t) => [
    // sign-in and invitation lookups: WHERE email = $1
    uniqueIndex("users_email_key").on(t.email),
  ],
);

/** Auth.js adapter tables (OAuth accounts; database sessions are unused with JWT sessions but kept for the adapter). */
export const accounts = pgTable(
  "accounts",
  {
    userId: belongsTo(() => users.id),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    // adapter: unlink / delete user
    index("accounts_user_id_idx").on(t.userId),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text().primaryKey(),
    userId: belongsTo(() => users.id),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * One server-side record per sign-in (a browser or device). Its id travels inside the encrypted
 * Auth.js JWT and is checked on every request: deleting the row ends that session at once, which a
 * bare JWT cannot do. Sign-out deletes the row; a password reset or change and "Sign out of all
 * devices" delete every row of the user.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: id("session"),
    userId: belongsTo(() => users.id),
    /** The browser's user agent at sign-in (cut to 256 characters), to tell devices apart on the account page. */
    userAgent: text(),
    createdAt: createdAt(),
    lastSeenAt: tstz().notNull().defaultNow(),
    expiresAt: tstz().notNull(),
  },
  (t) => [
    // every authenticated request: WHERE id = $1 AND user_id = $2 AND expires_at > now() (primary key)
    // account page and "sign out everywhere": WHERE user_id = $1
    index("user_sessions_user_id_idx").on(t.userId),
  ],
);

/** One-time password reset links; only the SHA-256 of the token is stored. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text().primaryKey(),
    userId: belongsTo(() => users.id),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index("password_reset_tokens_user_id_idx").on(t.userId)],
);
