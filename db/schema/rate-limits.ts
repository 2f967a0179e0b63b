import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { tstz } from "./columns";

/**
 * Fixed-window counters shared by every app instance (instances keep no state of their own).
 * Key examples: `sign-in:email:jane@example.com`, `api:key_…`.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: tstz().notNull(),
  count: integer().notNull(),
});
