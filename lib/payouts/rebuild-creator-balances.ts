import type postgres from "postgres";

/**
 * Sets a workspace's `creator_balances` to the sums of its ledger entries: what the
 * `ledger_entries_balances` trigger keeps, for a bulk load that ran with triggers off (seeders and
 * benchmarks), as lib/dashboard/rebuild-rollups.ts does for the dashboard rollups.
 */
export async function rebuildCreatorBalances(sql: postgres.Sql | postgres.TransactionSql, workspaceId: string): Promise<void> {
  await sql`DELETE FROM creator_balances WHERE workspace_id = ${workspaceId}`;
  await sql`
    INSERT INTO creator_balances (workspace_id, creator_id, currency, net_cents, entries_count)
    SELECT workspace_id, creator_id, currency, SUM(commission_cents), COUNT(*) FROM ledger_entries
    WHERE workspace_id = ${workspaceId} GROUP BY workspace_id, creator_id, currency`;
}
