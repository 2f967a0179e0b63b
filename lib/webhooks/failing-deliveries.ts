import { and, count, eq, lt, min, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";

/** How long deliveries may keep failing before the overview warns the brand. */
export const FAILING_WARNING_MINUTES = 10;

/**
 * The overview's warning: how many of the workspace's deliveries have been failing for more than
 * ten minutes (retrying, or parked), and since when. One read of the partial index on failed rows.
 */
export async function getFailingDeliveriesWarning(db: Db, workspaceId: string): Promise<{ count: number; since: Date } | null> {
  const [row] = await db
    .select({ n: count(), since: min(webhookDeliveries.failingSince) })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, workspaceId),
        eq(webhookDeliveries.status, "failed"),
        lt(webhookDeliveries.failingSince, sql`now() - make_interval(mins => ${FAILING_WARNING_MINUTES})`),
      ),
    );
  return row && row.n > 0 && row.since ? { count: row.n, since: row.since } : null;
}
