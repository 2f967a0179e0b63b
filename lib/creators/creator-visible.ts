import { sql } from "drizzle-orm";
import { conversions } from "@/db/schema";

/**
 * What a creator's figures leave out: test orders credited before Tally left them out (corrected
 * since). Voided orders (never paid) count nowhere but in the list; pending ones only as awaiting
 * payment.
 */
export const creatorVisible = sql`${conversions.testOrder} = false`;

/** SQL helper: a sum that is 0 when there is nothing to sum. */
export const num = (column: ReturnType<typeof sql>) => sql`coalesce(${column}, 0)`.mapWith(Number);
