import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { consumeRateLimit, peekRateLimit, refundRateLimit, resetRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { normalizeEmail } from "./tokens";

const QUARTER_HOUR = 15 * 60;

/**
 * Sign-in limits (fixed windows in Postgres, shared by every instance):
 * - per client address: 50 failed attempts a quarter hour, whatever the emails (stops one machine
 *   spraying many accounts); a correct sign-in gives its unit back;
 * - per (address, email): 10 attempts a quarter hour (stops one machine guessing one account);
 *   a correct sign-in resets it;
 * - per email, from everywhere: never a lockout — the real owner signs in from their own address
 *   whatever others do — but after 50 failures in the window every further attempt on that email
 *   waits a little longer (up to 1 s), which slows a distributed guesser and costs the owner at most
 *   a second.
 */
export const SIGN_IN_LIMITS = {
  perAddress: { limit: 50, windowSeconds: QUARTER_HOUR },
  perAddressAndEmail: { limit: 10, windowSeconds: QUARTER_HOUR },
  perEmailSlowdown: { after: 50, stepMs: 100, maxMs: 1000, windowSeconds: QUARTER_HOUR },
};

export type PasswordAuthResult =
  | { status: "ok"; user: { id: string; email: string; name: string | null } }
  | { status: "invalid" }
  | { status: "rate_limited" };

/** How long an attempt on an email waits after `failures` failures on it in the window. */
export function signInSlowdownMs(failures: number): number {
  const { after, stepMs, maxMs } = SIGN_IN_LIMITS.perEmailSlowdown;
  return failures <= after ? 0 : Math.min(maxMs, (failures - after) * stepMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks an email + password from a client address (`null` when unknown: only the per-(address,
 * email) limit applies then). The answer never says whether the account exists.
 */
export async function authenticateWithPassword(
  db: Db,
  input: { email: string; password: string; address: string | null },
): Promise<PasswordAuthResult> {
  const email = normalizeEmail(input.email);
  const addressKey = input.address ? `sign-in:address:${input.address}` : null;
  const pairKey = `sign-in:address-email:${input.address ?? "unknown"}:${email}`;
  const failuresKey = `sign-in:email-failures:${email}`;
  const [byAddress, byPair, failures] = await Promise.all([
    addressKey ? consumeRateLimit(db, addressKey, SIGN_IN_LIMITS.perAddress) : null,
    consumeRateLimit(db, pairKey, SIGN_IN_LIMITS.perAddressAndEmail),
    peekRateLimit(db, failuresKey, SIGN_IN_LIMITS.perEmailSlowdown),
  ]);
  if ((byAddress && !byAddress.allowed) || !byPair.allowed) return { status: "rate_limited" };
  const wait = signInSlowdownMs(failures);
  if (wait > 0) await sleep(wait);

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : await burnPasswordCheck(input.password).then(() => false);
  if (!user || !ok) {
    await consumeRateLimit(db, failuresKey, { limit: Number.MAX_SAFE_INTEGER, windowSeconds: SIGN_IN_LIMITS.perEmailSlowdown.windowSeconds });
    return { status: "invalid" };
  }
  await Promise.all([resetRateLimit(db, pairKey), addressKey ? refundRateLimit(db, addressKey) : undefined]);
  return { status: "ok", user: { id: user.id, email: user.email, name: user.name } };
}
