import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { hashPassword, verifyPassword } from "./passwords";
import { endAllUserSessions } from "./user-sessions";

/** Ten wrong current passwords per quarter hour, per user: a stolen session cannot brute-force it. */
export const CHANGE_PASSWORD_LIMIT = { limit: 10, windowSeconds: 15 * 60 };

/**
 * Changes a signed-in user's password after checking the current one, and ends every session of the
 * user, this one included (the caller signs this device in again with the new password).
 */
export async function changePassword(db: Db, input: { userId: string; currentPassword: string; newPassword: string }): Promise<{ email: string }> {
  const limit = await consumeRateLimit(db, `change-password:${input.userId}`, CHANGE_PASSWORD_LIMIT);
  if (!limit.allowed) throw new AppError("rate_limited", "Too many attempts. Wait 15 minutes and try again.");
  const [user] = await db.select().from(users).where(eq(users.id, input.userId)).limit(1);
  if (!user) throw new AppError("not_found", "Account not found.");
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "Your current password is not right.", { fields: { currentPassword: ["Your current password is not right."] } });
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError("validation_failed", "Choose a password different from the current one.", { fields: { newPassword: ["Choose a password different from the current one."] } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await endAllUserSessions(tx, user.id);
  });
  return { email: user.email };
}
