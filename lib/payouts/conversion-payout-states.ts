import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { payoutLabel } from "./create-payout";
import { ENTRY_JOINS, PAYABLE_AT, RELEASE_AT, STAMP_JOINS } from "./payable-at";

/** Where one order's commission is in the payout cycle (integer minor units; each may be 0). */
export type ConversionPayoutState = {
  conversionId: string;
  /** When its commission is (or was) released from the hold, under the current hold. */
  payableAt: Date;
  pending: number;
  payable: number;
  inPayouts: number;
  paid: number;
  /** Commission taken back after it was paid (positive). */
  clawedBack: number;
  /** The payouts that paid it, e.g. ["P-0003"]. */
  paidIn: string[];
};

/** Payout state of the given conversions of one workspace (or of one creator across brands). */
export async function getConversionPayoutStates(
  db: Db,
  input: { conversionIds: string[]; workspaceId?: string; creatorId?: string },
  asOf: Date = new Date(),
): Promise<Map<string, ConversionPayoutState>> {
  const out = new Map<string, ConversionPayoutState>();
  if (input.conversionIds.length === 0) return out;
  if (!input.workspaceId && !input.creatorId) throw new Error("getConversionPayoutStates needs a tenant scope.");
  const at = asOf.toISOString();
  const ids = sql`ARRAY[${sql.join(
    input.conversionIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  const rows = await queryRows<{
    conversion_id: string;
    release_at: Date | string;
    pending: string;
    payable: string;
    in_payouts: string;
    paid: string;
    clawed_back: string;
    paid_in: number[] | string | null;
  }>(
    db,
    sql`
      WITH ent AS (
        SELECT e.conversion_id, e.commission_cents, ${RELEASE_AT} AS release_at, ${PAYABLE_AT} AS payable_at,
          s.payout_item_id, i.status AS item_status, p.number AS payout_number
        FROM ledger_entries e ${ENTRY_JOINS} ${STAMP_JOINS} LEFT JOIN payouts p ON p.id = i.payout_id
        WHERE e.conversion_id = ANY(${ids})
          ${input.workspaceId ? sql`AND e.workspace_id = ${input.workspaceId}` : sql``}
          ${input.creatorId ? sql`AND c.creator_id = ${input.creatorId}` : sql``}
      ), sale_paid AS (
        SELECT conversion_id, MIN(payout_number) AS first_number FROM ent WHERE commission_cents > 0 AND item_status = 'paid' GROUP BY conversion_id
      )
      SELECT ent.conversion_id, MIN(ent.release_at) AS release_at,
        COALESCE(SUM(commission_cents) FILTER (WHERE payout_item_id IS NULL AND payable_at > ${at}::timestamptz), 0) AS pending,
        COALESCE(SUM(commission_cents) FILTER (WHERE payout_item_id IS NULL AND payable_at <= ${at}::timestamptz), 0) AS payable,
        COALESCE(SUM(commission_cents) FILTER (WHERE item_status = 'pending'), 0) AS in_payouts,
        COALESCE(SUM(commission_cents) FILTER (WHERE item_status = 'paid'), 0) AS paid,
        COALESCE(-SUM(commission_cents) FILTER (WHERE commission_cents < 0 AND sp.first_number IS NOT NULL AND (payout_number IS NULL OR payout_number > sp.first_number)), 0) AS clawed_back,
        ARRAY_AGG(DISTINCT payout_number) FILTER (WHERE item_status = 'paid' AND commission_cents > 0) AS paid_in
      FROM ent LEFT JOIN sale_paid sp ON sp.conversion_id = ent.conversion_id
      GROUP BY ent.conversion_id`,
  );
  for (const r of rows) {
    const paidIn = Array.isArray(r.paid_in) ? r.paid_in : typeof r.paid_in === "string" ? r.paid_in.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number) : [];
    out.set(r.conversion_id, {
      conversionId: r.conversion_id,
      payableAt: new Date(r.release_at),
      pending: Number(r.pending),
      payable: Number(r.payable),
      inPayouts: Number(r.in_payouts),
      paid: Number(r.paid),
      clawedBack: Number(r.clawed_back),
      paidIn: paidIn.map((n) => payoutLabel(Number(n))),
    });
  }
  return out;
}
