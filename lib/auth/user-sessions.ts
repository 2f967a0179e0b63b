import { and, desc, eq, gt, lt, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions } from "@/db/schema";

/** How long a session lasts without use (the Auth.js JWT's max age is the same). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** `last_seen_at` moves at most this often: one write per session per interval, not per request. */
const TOUCH_INTERVAL_MS = 10 * 60 * 1000;

const expiry = (now: Date) => new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);

/** Starts the server-side record of one sign-in; its id goes into the session JWT. */
export async function createUserSession(db: Db, input: { userId: string; userAgent?: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  const [row] = await db
    .insert(userSessions)
    .values({ userId: input.userId, userAgent: input.userAgent?.slice(0, 256) || null, createdAt: now, lastSeenAt: now, expiresAt: expiry(now) })
    .returning();
  return row!;
}

/**
 * Whether the session a JWT names still exists (not signed out, not ended by a password change).
 * One primary-key read per request; `last_seen_at` and the expiry move at most every ten minutes.
 */
export async function isUserSessionActive(db: Db, input: { sessionId: string; userId: string; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const [row] = await db
    .select({ lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(and(eq(userSessions.id, input.sessionId), eq(userSessions.userId, input.userId), gt(userSessions.expiresAt, now)))
    .limit(1);
  if (!row) return false;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(userSessions).set({ lastSeenAt: now, expiresAt: expiry(now) }).where(eq(userSessions.id, input.sessionId));
  }
  return true;
}

/** Sign-out: ends this one session. */
export async function endUserSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/** Ends every session of a user (password reset or change, "Sign out of all devices"), or all but one. */
export async function endAllUserSessions(db: Db, userId: string, options: { except?: string } = {}): Promise<number> {
  const where = options.except ? and(eq(userSessions.userId, userId), ne(userSessions.id, options.except)) : eq(userSessions.userId, userId);
  const ended = await db.delete(userSessions).where(where).returning({ id: userSessions.id });
  return ended.length;
}

export type UserSession = { id: string; userAgent: string | null; createdAt: Date; lastSeenAt: Date };

/** The account page's list: the user's live sessions, most recently used first. */
export async function listUserSessions(db: Db, userId: string, now: Date = new Date()): Promise<UserSession[]> {
  return db
    .select({ id: userSessions.id, userAgent: userSessions.userAgent, createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), gt(userSessions.expiresAt, now)))
    .orderBy(desc(userSessions.lastSeenAt), desc(userSessions.id));
}

/** Deletes sessions that expired (run by the sweepers; keeps the table small). */
export async function pruneUserSessions(db: Db, now: Date = new Date()): Promise<void> {
  await db.delete(userSessions).where(lt(userSessions.expiresAt, now));
}
