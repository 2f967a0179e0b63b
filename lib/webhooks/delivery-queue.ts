import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/client";

/**
 * Webhook deliveries are their own queue: intake's one insert is the enqueue (status `received`,
 * priority from the topic), and workers claim from the table (lib/webhooks/delivery-worker.ts).
 *
 * - claim: the next `received` delivery, urgent lane first then oldest first, `FOR UPDATE SKIP
 *   LOCKED` (concurrent workers never wait on each other or take the same row), marked `processing`
 *   with the worker's id and a lease (index webhook_deliveries_ready_idx).
 * - rescue: a claim whose lease expired (its worker was killed, or lost its connection) goes back to
 *   `received`; so does a failed delivery whose retry is due (retry-policy.ts). A row a live worker
 *   is processing is locked by that worker's transaction and skipped, so a slow job is never taken
 *   from under it. processDelivery commits a job only while the claim is still its own.
 */
export type ClaimedDelivery = { id: string; workspaceId: string | null; priority: number };

/** How long a claim holds before it can be rescued (seconds). */
export function claimLeaseSeconds(): number {
  const n = Number(process.env.TALLY_CLAIM_LEASE_SECONDS ?? 30);
  return Number.isFinite(n) && n > 0 ? n : 30;
}

export async function claimDelivery(
  db: Db,
  input: { workerId: string; urgentOnly?: boolean; leaseSeconds?: number; workspaceIds?: string[] },
): Promise<ClaimedDelivery | null> {
  const lease = input.leaseSeconds ?? claimLeaseSeconds();
  const scope = input.workspaceIds ? sql`AND workspace_id IN (${sql.join(input.workspaceIds.map((w) => sql`${w}`), sql`, `)})` : sql``;
  const lane = input.urgentOnly ? sql`AND priority = 0` : sql``;
  return db.transaction(async (tx) => {
    // Losing this commit in a crash loses only the claim: the delivery is still `received`.
    await tx.execute(sql`SET LOCAL synchronous_commit = off`);
    const [row] = await queryRows<{ id: string; workspace_id: string | null; priority: number }>(
      tx as unknown as Db,
      sql`UPDATE webhook_deliveries d
          SET status = 'processing', claimed_by = ${input.workerId}, claimed_until = now() + make_interval(secs => ${lease}), updated_at = now()
          WHERE d.id = (
            SELECT id FROM webhook_deliveries
            WHERE status = 'received' ${lane} ${scope}
            ORDER BY priority, received_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED
          )
          RETURNING d.id, d.workspace_id, d.priority`,
    );
    return row ? { id: row.id, workspaceId: row.workspace_id, priority: Number(row.priority) } : null;
  });
}

/** Expired claims and due retries back to `received`; returns how many. */
export async function rescueDeliveries(db: Db, input: { workspaceIds?: string[]; batch?: number } = {}): Promise<number> {
  const scope = input.workspaceIds ? sql`AND workspace_id IN (${sql.join(input.workspaceIds.map((w) => sql`${w}`), sql`, `)})` : sql``;
  const batch = input.batch ?? 1000;
  const expired = await queryRows<{ id: string }>(
    db,
    sql`UPDATE webhook_deliveries d SET status = 'received', claimed_by = NULL, claimed_until = NULL, updated_at = now()
        WHERE d.id IN (
          SELECT id FROM webhook_deliveries
          WHERE status = 'processing' AND claimed_until < now() ${scope}
          LIMIT ${batch}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING d.id`,
  );
  const due = await queryRows<{ id: string }>(
    db,
    sql`UPDATE webhook_deliveries d SET status = 'received', retry_at = NULL, updated_at = now()
        WHERE d.id IN (
          SELECT id FROM webhook_deliveries
          WHERE status = 'failed' AND retry_at IS NOT NULL AND retry_at <= now() ${scope}
          ORDER BY retry_at
          LIMIT ${batch}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING d.id`,
  );
  return expired.length + due.length;
}
