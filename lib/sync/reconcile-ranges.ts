import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import type { SyncRun } from "./sync-run";

/**
 * The periods a reconciliation reads: when the current store's campaigns were active, within the
 * run's [from, to) (the last 90 days), merged. Orders outside them cannot belong to a campaign.
 */
export async function reconcileRanges(db: Db, run: Pick<SyncRun, "workspaceId" | "fromAt" | "toAt">, shopId: string): Promise<{ from: Date; to: Date }[]> {
  const rows = await db
    .select({ startsAt: campaigns.startsAt, endsAt: campaigns.endsAt, endedAt: campaigns.endedAt, deletedAt: campaigns.deletedAt })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, run.workspaceId), eq(campaigns.shopId, shopId)));
  const ranges = rows
    .map((c) => {
      const ends = [c.endsAt, c.endedAt, c.deletedAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
      const end = Math.min(run.toAt.getTime(), ...ends);
      return { from: Math.max(c.startsAt.getTime(), run.fromAt.getTime()), to: end };
    })
    .filter((r) => r.from < r.to)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  return merged.map((r) => ({ from: new Date(r.from), to: new Date(r.to) }));
}
