import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { consumeRateLimit, resetRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { normalizeEmail } from "./tokens";

export const SIGN_IN_LIMITS = {
  perEmail: { limit: 10, windowSeconds: 15 * 60 },
  perIp: { limit: 50, windowSeconds: 15 * 60 },
};

export type PasswordAuthResult =
  | { status: "ok"; user: { id: string; email: string; name: string | null } }
  | { status: "invalid" }
  | { status: "rate_limited" };

/**
 * Checks an email + password. Attempts are limited per email and per IP (shared across instances
 * through Postgres); the answer never says whether the account exists.
 */
export async function authenticateWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<PasswordAuthResult> {
  const email = normalizeEmail(input.email);
  const [byEmail, byIp] = await Promise.all([
    consumeRateLimit(db, `sign-in:email:${email}`, SIGN_IN_LIMITS.perEmail),
    consumeRateLimit(db, `sign-in:ip:${input.ip}`, SIGN_IN_LIMITS.perIp),
  ]);
  if (!byEmail.allowed || !byIp.allowed) return { status: "rate_limited" };

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user?.passwordHash) {
    await burnPasswordCheck(input.password);
    return { status: "invalid" };
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) return { status: "invalid" };
  await resetRateLimit(db, `sign-in:email:${email}`);
  return { status: "ok", user: { id: user.id, email: user.email, name: user.name } };
}
