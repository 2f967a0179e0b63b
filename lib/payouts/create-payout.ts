import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { payoutItems, payouts } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { currencyExponent } from "@/lib/money";
import { ENTRY_JOINS, PAYABLE_AT } from "./payable-at";

export type CreatePayoutInput = {
  workspaceId: string;
  currency: string;
  /** Entries payable at this instant are paid (default now; never in the future). */
  cutoff?: Date | undefined;
  /** A creator is paid only when the payable balance is above this (and above zero). */
  minimumAmountCents?: number | undefined;
  actor: Actor;
  /** Told as each step of the run ends (for progress and benchmarks): the step, and how long it took. */
  onStep?: (step: "lock" | "select" | "items" | "stamp", ms: number) => void;
};

/** Whether Intl knows the code as a currency (ISO 4217, three letters). */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    return new Intl.DisplayNames(["en"], { type: "currency", fallback: "none" }).of(code) !== undefined && currencyExponent(code) >= 0;
  } catch {
    return false;
  }
}

/**
 * A payout run: one item per creator whose payable balance at the cutoff is above the minimum and
 * above zero, each ledger entry it covers stamped with that item. One transaction, so a run that dies
 * halfway leaves the whole payout or nothing. Runs of one workspace take an advisory lock (one
 * sequence of numbers), and a second run while one is in progress (draft or processing) is a 409: two admins starting
 * at once get one payout. The partial unique indexes (one run in progress; an entry in one live item)
 * hold even if this code were wrong.
 */
export async function createPayout(db: Db, input: CreatePayoutInput) {
  const currency = input.currency.toUpperCase();
  if (!isKnownCurrency(currency)) throw new AppError("validation_failed", `Unknown currency "${input.currency}".`, { fields: { currency: ["Unknown currency."] } });
  const minimum = input.minimumAmountCents ?? 0;
  if (!Number.isSafeInteger(minimum) || minimum < 0) {
    throw new AppError("validation_failed", "The minimum amount must be a whole number of minor units, 0 or more.", { fields: { minimum_amount: ["Must be 0 or more."] } });
  }
  const now = new Date();
  const cutoff = input.cutoff ?? now;
  if (Number.isNaN(cutoff.getTime())) throw new AppError("validation_failed", "The cutoff is not a valid time.", { fields: { cutoff: ["Invalid time."] } });
  if (cutoff.getTime() > now.getTime()) throw new AppError("validation_failed", "The cutoff cannot be in the future.", { fields: { cutoff: ["Must not be in the future."] } });

  let mark = performance.now();
  const step = (name: "lock" | "select" | "items" | "stamp") => {
    const now_ = performance.now();
    input.onStep?.(name, now_ - mark);
    mark = now_;
  };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payout:${input.workspaceId}`}, 0))`);
    const [running] = await queryRows<{ id: string; number: number }>(
      tx,
      sql`SELECT id, number FROM payouts WHERE workspace_id = ${input.workspaceId} AND currency = ${currency} AND status IN ('draft', 'processing') LIMIT 1`,
    );
    if (running) {
      throw new AppError("conflict", `Payout ${payoutLabel(running.number)} in ${currency} is still in progress: mark it paid or cancel it before starting another.`, {
        payout_id: running.id,
      });
    }
    step("lock");
    const at = cutoff.toISOString();
    // The entries this run pays: payable at the cutoff, in no live payout item. Set aside once, so that
    // the items and their stamps come from the same rows.
    await tx.execute(sql`
      CREATE TEMP TABLE payout_run_entries ON COMMIT DROP AS
      SELECT e.id AS entry_id, c.creator_id, c.order_id, e.commission_cents, e.occurred_at
      FROM ledger_entries e ${ENTRY_JOINS}
      WHERE e.workspace_id = ${input.workspaceId} AND e.currency = ${currency} AND e.commission_cents <> 0
        AND ${PAYABLE_AT} <= ${at}::timestamptz
        AND NOT EXISTS (SELECT 1 FROM payout_item_entries s WHERE s.ledger_entry_id = e.id AND s.released_at IS NULL)`);
    const creators = await queryRows<{ creator_id: string; amount: string; entries: string; orders: string; period_start: Date | string; period_end: Date | string }>(
      tx,
      sql`SELECT creator_id, SUM(commission_cents) AS amount, COUNT(*) AS entries, COUNT(DISTINCT order_id) AS orders,
            MIN(occurred_at) AS period_start, MAX(occurred_at) AS period_end
          FROM payout_run_entries GROUP BY creator_id
          HAVING SUM(commission_cents) > ${Math.max(0, minimum)} ORDER BY creator_id`,
    );
    step("select");
    if (creators.length === 0) {
      throw new AppError("conflict", `Nothing to pay in ${currency}: no creator has a payable balance above ${minimum > 0 ? "the minimum" : "zero"} at the cutoff.`, { reason: "nothing_payable" });
    }
    const [seq] = await queryRows<{ next: number }>(tx, sql`SELECT COALESCE(MAX(number), 0) + 1 AS next FROM payouts WHERE workspace_id = ${input.workspaceId}`);
    const items = creators.map((c) => ({
      id: createId("payoutItem"),
      workspaceId: input.workspaceId,
      creatorId: c.creator_id,
      currency,
      amountCents: Number(c.amount),
      entriesCount: Number(c.entries),
      ordersCount: Number(c.orders),
      periodStart: new Date(c.period_start),
      periodEnd: new Date(c.period_end),
    }));
    const [payout] = await tx
      .insert(payouts)
      .values({
        workspaceId: input.workspaceId,
        number: Number(seq!.next),
        currency,
        cutoffAt: cutoff,
        minimumAmountCents: minimum,
        totalCents: items.reduce((s, i) => s + i.amountCents, 0),
        itemsCount: items.length,
        entriesCount: items.reduce((s, i) => s + i.entriesCount, 0),
        createdByUserId: input.actor.kind === "user" ? input.actor.id : null,
      })
      .returning();
    for (let i = 0; i < items.length; i += 1000) {
      await tx.insert(payoutItems).values(items.slice(i, i + 1000).map((item) => ({ ...item, payoutId: payout!.id })));
    }
    step("items");
    await tx.execute(sql`
      INSERT INTO payout_item_entries (payout_item_id, ledger_entry_id, workspace_id)
      SELECT i.id, r.entry_id, ${input.workspaceId}
      FROM payout_run_entries r JOIN payout_items i ON i.payout_id = ${payout!.id} AND i.creator_id = r.creator_id`);
    step("stamp");
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "payout.created",
      targetType: "payout",
      targetId: payout!.id,
      data: { number: payout!.number, currency, total: payout!.totalCents, items: items.length, cutoff: at, minimum },
    });
    return payout!;
  });
}

/** P-0003 */
export function payoutLabel(number: number): string {
  return `P-${String(number).padStart(4, "0")}`;
}
