import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passwordResetTokens, users } from "@/db/schema";
import { AppError } from "@/lib/api/app-error";
import { appUrl } from "@/lib/env";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { queueEmail } from "@/lib/email/send-email";
import { hashPassword } from "./passwords";
import { createSecretToken, normalizeEmail, sha256 } from "./tokens";

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Starts a password reset. Always succeeds from the caller's point of view (no account enumeration);
 * when the account exists, a one-hour link is sent (printed to the server log without a mail transport).
 */
export async function requestPasswordReset(db: Db, input: { email: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  const limit = await consumeRateLimit(db, `password-reset:${email}`, { limit: 5, windowSeconds: 3600 });
  if (!limit.allowed) return;
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) return;
  const { token, hash } = createSecretToken();
  await db.insert(passwordResetTokens).values({
    tokenHash: hash,
    userId: user.id,
    expiresAt: new Date(Date.now() + RESET_TTL_MS),
  });
  await queueEmail({
    to: email,
    subject: "Reset your Tally password",
    text: `Someone asked to reset the password of your Tally account. Open this link within an hour to choose a new one:\n\n${appUrl()}/reset-password/${token}\n\nIf it was not you, ignore this email.`,
    link: `${appUrl()}/reset-password/${token}`,
    kind: "password-reset",
  });
}

export async function resetPassword(db: Db, input: { token: string; password: string }): Promise<{ email: string }> {
  const tokenHash = sha256(input.token);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!row) throw new AppError("not_found", "This reset link is invalid or has expired. Ask for a new one.");
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).returning();
    return { email: user!.email };
  });
}
