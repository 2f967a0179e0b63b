import { and, asc, eq, gte, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries } from "@/db/schema";
import { creatorVisible as shown, num } from "./creator-visible";
import { CHART_DAYS, type EarningsDay, type EarningsSeries } from "./earnings-types";

/**
 * Net earnings per UTC day over the last `days` days, one series per currency, from the ledger:
 * positive commission movements (sales, upward adjustments) and negative ones (refund reversals,
 * downward adjustments). Orders under review are left out, as in the net total.
 */
export async function getCreatorEarningsSeries(db: Db, creatorId: string, opts: { days?: number; now?: Date } = {}): Promise<EarningsSeries[]> {
  const days = opts.days ?? CHART_DAYS;
  const now = opts.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const day = sql<string>`to_char(${ledgerEntries.occurredAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      currency: ledgerEntries.currency,
      day,
      earnedCents: num(sql`sum(greatest(${ledgerEntries.commissionCents}, 0))`),
      reversedCents: num(sql`sum(least(${ledgerEntries.commissionCents}, 0))`),
    })
    .from(ledgerEntries)
    .innerJoin(conversions, eq(conversions.id, ledgerEntries.conversionId))
    .where(and(eq(conversions.creatorId, creatorId), ne(conversions.status, "flagged"), shown, gte(ledgerEntries.occurredAt, since)))
    .groupBy(ledgerEntries.currency, day)
    .orderBy(asc(ledgerEntries.currency), asc(day));
  const byCurrency = new Map<string, EarningsDay[]>();
  for (const r of rows) {
    if (r.earnedCents === 0 && r.reversedCents === 0) continue;
    const list = byCurrency.get(r.currency) ?? [];
    list.push({ day: r.day, earnedCents: r.earnedCents, reversedCents: r.reversedCents, netCents: r.earnedCents + r.reversedCents });
    byCurrency.set(r.currency, list);
  }
  return [...byCurrency.entries()].map(([currency, list]) => ({ currency, days: list }));
}
