import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/client";

export type RateLimitResult = { allowed: boolean; count: number; limit: number; resetAt: Date };

/**
 * Fixed-window rate limit kept in Postgres, so that every stateless app instance shares it.
 * One upsert per call: the window restarts when it has elapsed, otherwise the counter moves by one.
 */
export async function consumeRateLimit(
  db: Db,
  key: string,
  opts: { limit: number; windowSeconds: number },
): Promise<RateLimitResult> {
  const window = `${opts.windowSeconds} seconds`;
  const rows = await queryRows<{ count: number; window_start: string | Date }>(
    db,
    sql`
      INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, now(), 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.window_start <= now() - ${window}::interval THEN 1 ELSE rate_limits.count + 1 END,
        window_start = CASE WHEN rate_limits.window_start <= now() - ${window}::interval THEN now() ELSE rate_limits.window_start END
      RETURNING count, window_start`,
  );
  const row = rows[0]!;
  const start = new Date(row.window_start);
  return {
    allowed: row.count <= opts.limit,
    count: row.count,
    limit: opts.limit,
    resetAt: new Date(start.getTime() + opts.windowSeconds * 1000),
  };
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}

/** Deletes counters whose window ended long ago (run by the sweepers; keeps the table small). */
export async function pruneRateLimits(db: Db, olderThanSeconds = 86_400): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limits WHERE window_start < now() - make_interval(secs => ${olderThanSeconds})`);
}

/** Gives one unit back (an attempt that turned out fine: a correct sign-in does not count against its address). */
export async function refundRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = ${key}`);
}

/** The count in the current window without moving it (0 when none or the window has ended). */
export async function peekRateLimit(db: Db, key: string, opts: { windowSeconds: number }): Promise<number> {
  const rows = await queryRows<{ count: number }>(
    db,
    sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start > now() - make_interval(secs => ${opts.windowSeconds})`,
  );
  return rows[0]?.count ?? 0;
}
