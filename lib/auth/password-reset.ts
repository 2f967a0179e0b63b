import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passwordResetTokens, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { queueEmail } from "@/lib/email/queue-email";
import { hashPassword } from "./passwords";
import { createSecretToken, normalizeEmail, sha256 } from "./tokens";
import { endAllUserSessions } from "./user-sessions";

export const RESET_TTL_MS = 60 * 60 * 1000;

/** "14:05 UTC on 2026-05-01": an unambiguous time for an email read in any zone. */
function utcStamp(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(11, 16)} UTC on ${iso.slice(0, 10)}`;
}

/** Marks every unused reset token of a user as used: only the newest link may ever work. */
async function retireResetTokens(db: Db, userId: string, now: Date) {
  await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

/**
 * Starts a password reset. Always succeeds from the caller's point of view (no account enumeration);
 * when the account exists, a one-hour link is sent and every earlier link of that account stops
 * working (issuing retires them in the same transaction).
 */
export async function requestPasswordReset(db: Db, input: { email: string; now?: Date }): Promise<void> {
  const email = normalizeEmail(input.email);
  const now = input.now ?? new Date();
  const limit = await consumeRateLimit(db, `password-reset:${email}`, { limit: 5, windowSeconds: 3600 });
  if (!limit.allowed) return;
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) return;
  const { token, hash } = createSecretToken();
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await retireResetTokens(tx, user.id, now);
    await tx.insert(passwordResetTokens).values({ tokenHash: hash, userId: user.id, expiresAt, createdAt: now });
  });
  const link = `${appUrl()}/reset-password/${token}`;
  await queueEmail({
    to: email,
    subject: "Reset your Tally password",
    text:
      `Someone asked to reset the password of your Tally account. Open this link to choose a new one:\n\n${link}\n\n` +
      `The link works once and expires in 1 hour, at ${utcStamp(expiresAt)}. Asking for another link makes this one stop working.\n\n` +
      "If it was not you, ignore this email: your password stays as it is.",
    link,
    kind: "password-reset",
  });
}

/**
 * Sets a new password from a reset link. Using a link retires every reset link of the account and
 * ends every session of the user (all devices sign in again with the new password).
 */
export async function resetPassword(db: Db, input: { token: string; password: string; now?: Date }): Promise<{ email: string }> {
  const tokenHash = sha256(input.token);
  const now = input.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
      .returning();
    if (!row) throw new AppError("not_found", "This reset link is invalid, has expired or was replaced by a newer one. Ask for a new one.");
    await retireResetTokens(tx, row.userId, now);
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).returning();
    await endAllUserSessions(tx, row.userId);
    return { email: user!.email };
  });
}
