import { eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { payouts } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { recordPayoutEvent } from "@/lib/events/record-payout-event";
import { createId } from "@/lib/ids";
import { currencyExponent } from "@/lib/money";
import { getBalances } from "./get-balances";
import { getPayoutOrThrow } from "./list-payouts";
import { PAYABLE_AT, UNSTAMPED } from "./payable-at";
import { payoutLabel } from "./payout-label";

export { payoutLabel };

/** Entries (of all the batch's creators, paid or not) read per statement, about: the grain of progress on big runs. */
const STAMP_BATCH_ENTRIES = 250_000;

export type CreatePayoutInput = {
  workspaceId: string;
  currency: string;
  /** Entries payable at this instant are paid (default now; never in the future). */
  cutoff?: Date | undefined;
  /** A creator is paid only when the payable balance is above this (and above zero). */
  minimumAmountCents?: number | undefined;
  actor: Actor;
  /** Told as each step of the run ends (for benchmarks): the step, and how long it took. */
  onStep?: (step: "lock" | "select" | "items" | "stamp", ms: number) => void;
  /**
   * Told after each batch of creators is stamped (for the progress a brand watches): how many of
   * how many. Called inside the run's transaction: report it on another connection.
   */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** At most this many creators per statement (default: as many as hold about STAMP_BATCH_ENTRIES entries). */
  batchSize?: number;
  /** The background run (payout_runs) this is: marked done with the payout, in the same transaction. */
  runId?: string | undefined;
};

/** A background run that has not reported for this long is dead (its process ended); its transaction rolled back. */
export const RUN_HEARTBEAT_TIMEOUT = "2 minutes";

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
 * above zero, each ledger entry it covers stamped with that item (and the stamps must add up to the
 * balance, or the run is undone). One transaction, so a run that dies halfway leaves the whole payout
 * or nothing; `onProgress` says how many creators are stamped so far. Runs of one workspace take an advisory lock (one
 * sequence of numbers), and a second run while one is in progress (draft or processing) is a 409: two admins starting
 * at once get one payout. The partial unique indexes (one run in progress; an entry in one live item)
 * hold even if this code were wrong.
 */
/** The run's inputs checked (4xx on bad ones): currency upper-cased, minimum in minor units, cutoff not in the future. */
export function checkPayoutInput(input: { currency: string; cutoff?: Date | undefined; minimumAmountCents?: number | undefined }, now: Date = new Date()) {
  const currency = input.currency.toUpperCase();
  if (!isKnownCurrency(currency)) throw new AppError("validation_failed", `Unknown currency "${input.currency}".`, { fields: { currency: ["Unknown currency."] } });
  const minimum = input.minimumAmountCents ?? 0;
  if (!Number.isSafeInteger(minimum) || minimum < 0) {
    throw new AppError("validation_failed", "The minimum amount must be a whole number of minor units, 0 or more.", { fields: { minimum_amount: ["Must be 0 or more."] } });
  }
  const cutoff = input.cutoff ?? now;
  if (Number.isNaN(cutoff.getTime())) throw new AppError("validation_failed", "The cutoff is not a valid time.", { fields: { cutoff: ["Invalid time."] } });
  if (cutoff.getTime() > now.getTime()) throw new AppError("validation_failed", "The cutoff cannot be in the future.", { fields: { cutoff: ["Must not be in the future."] } });
  return { currency, minimum, cutoff };
}

export async function createPayout(db: Db, input: CreatePayoutInput) {
  const { currency, minimum, cutoff } = checkPayoutInput(input);

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
    // a run in the background for this currency (started in the portal) is the same as a payout in progress
    const [otherRun] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM payout_runs WHERE workspace_id = ${input.workspaceId} AND currency = ${currency} AND status = 'running'
            AND id <> ${input.runId ?? ""} AND updated_at > now() - ${RUN_HEARTBEAT_TIMEOUT}::interval LIMIT 1`,
    );
    if (otherRun) throw new AppError("conflict", `A payout run in ${currency} is already in progress: wait for it to finish.`, { run_id: otherRun.id });
    step("lock");
    const at = cutoff.toISOString();
    // Who may be paid: the creators whose payable balance at the cutoff is above the minimum (cheap:
    // the cached net, the tail inside the hold, and the payout items). Each batch below reads those
    // creators' entries again and pays what they add up to, in one statement: the ledger decides.
    const candidates = (await getBalances(tx, { workspaceId: input.workspaceId, currency }, cutoff)).filter((b) => b.payable > Math.max(0, minimum)).map((b) => b.creatorId);
    step("select");
    if (candidates.length === 0) throw nothingPayable(currency, minimum);
    const [seq] = await queryRows<{ next: number }>(tx, sql`SELECT COALESCE(MAX(number), 0) + 1 AS next FROM payouts WHERE workspace_id = ${input.workspaceId}`);
    const [payout] = await tx
      .insert(payouts)
      .values({
        workspaceId: input.workspaceId,
        number: Number(seq!.next),
        currency,
        cutoffAt: cutoff,
        minimumAmountCents: minimum,
        createdByUserId: input.actor.kind === "user" ? input.actor.id : null,
      })
      .returning();
    step("items");
    // A batch of creators per statement (one snapshot per creator): their entries payable at the
    // cutoff and in no live item, an item for each creator whose entries add up to more than the
    // minimum, and every one of those entries stamped with its item. Batches are cut by how many
    // entries their creators hold (creator_balances counts them), so each statement does about the
    // same work however skewed the creators are: ten statements for a million entries, each reading
    // its creators' entries once (not 25 creators per statement, which read the ledger 20 times).
    const counts = new Map(
      (
        await queryRows<{ creator_id: string; entries_count: string }>(
          tx,
          sql`SELECT creator_id, entries_count FROM creator_balances WHERE workspace_id = ${input.workspaceId} AND currency = ${currency}`,
        )
      ).map((r) => [r.creator_id, Number(r.entries_count)]),
    );
    const batches: { creators: string[]; entries: number }[] = [];
    for (const creatorId of candidates) {
      const last = batches.at(-1);
      const entries = counts.get(creatorId) ?? 0;
      if (last && last.creators.length < (input.batchSize ?? Infinity) && last.entries + entries <= STAMP_BATCH_ENTRIES) {
        last.creators.push(creatorId);
        last.entries += entries;
      } else batches.push({ creators: [creatorId], entries });
    }
    // the sorts and hashes of a batch in memory rather than in temporary files
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    const totals = { amount: 0, items: 0, entries: 0 };
    let creatorsDone = 0;
    await input.onProgress?.(0, candidates.length);
    for (const { creators: batch } of batches) {
      // (the list travels as one JSON parameter: a batch of 40,000 small creators would pass Postgres's 65,535 parameters)
      const ids = JSON.stringify(batch.map((creatorId) => ({ creator_id: creatorId, item_id: createId("payoutItem") })));
      const [r] = await queryRows<{ amount: string; items: string; entries: string; stamped: string }>(
        tx,
        sql`
          WITH ids AS (SELECT * FROM jsonb_to_recordset(${ids}::jsonb) AS x (creator_id text, item_id text)),
          cand AS MATERIALIZED (
            SELECT e.id, e.creator_id, e.commission_cents, e.occurred_at, e.conversion_id
            FROM ledger_entries e JOIN workspaces w ON w.id = e.workspace_id
            WHERE e.creator_id IN (SELECT creator_id FROM ids) AND e.workspace_id = ${input.workspaceId} AND e.currency = ${currency}
              AND e.commission_cents <> 0 AND ${PAYABLE_AT} <= ${at}::timestamptz AND ${UNSTAMPED}
          ), sums AS (
            -- one conversion per order and creator (a code and a link of the same creator are one conversion): no join needed to count orders
            SELECT cand.creator_id, SUM(cand.commission_cents) AS amount, COUNT(*) AS entries, COUNT(DISTINCT cand.conversion_id) AS orders,
              MIN(cand.occurred_at) AS period_start, MAX(cand.occurred_at) AS period_end
            FROM cand
            GROUP BY cand.creator_id HAVING SUM(cand.commission_cents) > ${Math.max(0, minimum)}
          ), items AS (
            INSERT INTO payout_items (id, workspace_id, payout_id, creator_id, currency, amount_cents, entries_count, orders_count, period_start, period_end)
            SELECT ids.item_id, ${input.workspaceId}, ${payout!.id}, sums.creator_id, ${currency}, sums.amount, sums.entries, sums.orders, sums.period_start, sums.period_end
            FROM sums JOIN ids ON ids.creator_id = sums.creator_id
            RETURNING id, creator_id, amount_cents, entries_count
          ), stamps AS (
            INSERT INTO payout_item_entries (payout_item_id, ledger_entry_id, workspace_id)
            SELECT items.id, cand.id, ${input.workspaceId} FROM cand JOIN items ON items.creator_id = cand.creator_id
            RETURNING 1
          )
          SELECT COALESCE(SUM(amount_cents), 0) AS amount, COUNT(*) AS items, COALESCE(SUM(entries_count), 0) AS entries, (SELECT COUNT(*) FROM stamps) AS stamped
          FROM items`,
      );
      if (Number(r!.stamped) !== Number(r!.entries)) throw new Error(`Payout run stopped: ${r!.stamped} entries stamped for items of ${r!.entries}; nothing was created.`);
      totals.amount += Number(r!.amount);
      totals.items += Number(r!.items);
      totals.entries += Number(r!.entries);
      creatorsDone += batch.length;
      await input.onProgress?.(creatorsDone, candidates.length);
    }
    if (totals.items === 0) throw nothingPayable(currency, minimum);
    const [done] = await tx
      .update(payouts)
      .set({ totalCents: totals.amount, itemsCount: totals.items, entriesCount: totals.entries })
      .where(eq(payouts.id, payout!.id))
      .returning();
    if (input.runId) {
      await tx.execute(sql`
        UPDATE payout_runs SET status = 'done', payout_id = ${done!.id}, creators_total = ${candidates.length}, creators_done = ${candidates.length},
          finished_at = now(), updated_at = now()
        WHERE id = ${input.runId} AND workspace_id = ${input.workspaceId}`);
    }
    step("stamp");
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "payout.created",
      targetType: "payout",
      targetId: payout!.id,
      data: { number: done!.number, currency, total: done!.totalCents, items: done!.itemsCount, cutoff: at, minimum },
    });
    const { items } = await getPayoutOrThrow(tx, { workspaceId: input.workspaceId, payoutId: done!.id });
    await recordPayoutEvent(tx, { type: "payout.created", payout: done!, items });
    return done!;
  });
}

function nothingPayable(currency: string, minimum: number) {
  return new AppError("conflict", `Nothing to pay in ${currency}: no creator has a payable balance above ${minimum > 0 ? "the minimum" : "zero"} at the cutoff.`, { reason: "nothing_payable" });
}

