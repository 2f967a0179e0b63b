import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, creators, orderLines, orders, payoutItemEntries, ledgerEntries } from "@/db/schema";
import { RULE_LINE_COLUMNS } from "@/lib/attribution/commissionable-order";
import type { Actor } from "@/lib/audit/record-audit";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { appendLedgerEntry } from "@/lib/ledger/append-ledger-entry";
import { saleInLedger } from "@/lib/ledger/conversion-states";
import { createId } from "@/lib/ids";
import { saveCampaignRules } from "./campaign-rules";
import { evaluateCommission } from "./evaluate";
import { type CommissionEvaluation, type CommissionPlan, type CustomerKind, type EvaluatedLine, type RuleLine } from "./types";

/**
 * The what-if of a rule change: every conversion of the campaign in a date range re-evaluated under
 * the proposed rules by the same pure function live attribution uses (`evaluateCommission`), from
 * the stored order facts (lines, amounts) and the terms each conversion was credited under (its
 * creator's rate, the campaign rate, new vs returning customer). Reads only; writes nothing.
 *
 * Scope: commission rules. The creator of an order does not change under a rule change (rules decide
 * what a line earns, not who is credited).
 */

const BATCH = 5000;

type Terms = { campaignRateBps: number; creatorRateBps: number | null; customer: CustomerKind };

export type WhatIfOrder = {
  conversionId: string;
  orderId: string;
  orderName: string;
  orderCreatedAt: Date;
  creatorId: string;
  status: string;
  /** In the ledger now (or awaiting payment, for a pending conversion). */
  before: { amountCents: number; commissionCents: number; lines: EvaluatedLine[] | null };
  after: { amountCents: number; commissionCents: number; lines: EvaluatedLine[] };
  /** Part of it is already in a payout (paid or being paid). */
  inPayout: boolean;
  refunded: boolean;
};

export type WhatIfSummary = {
  currency: string;
  orders: number;
  changedOrders: number;
  beforeCents: number;
  afterCents: number;
  differenceCents: number;
  perCreator: { creatorId: string; creatorName: string; orders: number; beforeCents: number; afterCents: number }[];
};

type Row = {
  id: string;
  orderId: string;
  orderName: string;
  orderCreatedAt: Date;
  creatorId: string;
  status: (typeof conversions.$inferSelect)["status"];
  testOrder: boolean;
  orderAmountCents: number;
  commissionCents: number;
  pendingAmountCents: number;
  pendingCommissionCents: number;
  refundAmountCents: number;
  commissionRateBps: number;
  terms: { campaignRateBps?: number; creatorRateBps?: number | null; customer?: CustomerKind } | null;
  subtotalCents: number;
  lineItemsTaxCents: number;
  taxesIncluded: boolean;
  linesRecorded: boolean;
};

/** Walks the campaign's conversions in [from, to) by id, in batches, each with its order's facts and lines. */
async function* conversionsWithFacts(db: Db, input: { workspaceId: string; campaignId: string; from: Date | null; to: Date | null }) {
  let after = "";
  for (;;) {
    const rows: Row[] = await db
      .select({
        id: conversions.id,
        orderId: conversions.orderId,
        orderName: conversions.orderName,
        orderCreatedAt: conversions.orderCreatedAt,
        creatorId: conversions.creatorId,
        status: conversions.status,
        testOrder: conversions.testOrder,
        orderAmountCents: conversions.orderAmountCents,
        commissionCents: conversions.commissionCents,
        pendingAmountCents: conversions.pendingAmountCents,
        pendingCommissionCents: conversions.pendingCommissionCents,
        refundAmountCents: conversions.refundAmountCents,
        commissionRateBps: conversions.commissionRateBps,
        terms: sql<Row["terms"]>`${conversions.explanation} -> 'commission'`,
        subtotalCents: orders.subtotalCents,
        lineItemsTaxCents: orders.lineItemsTaxCents,
        taxesIncluded: orders.taxesIncluded,
        linesRecorded: orders.linesRecorded,
      })
      .from(conversions)
      .innerJoin(orders, eq(orders.id, conversions.orderId))
      .where(
        and(
          eq(conversions.workspaceId, input.workspaceId),
          eq(conversions.campaignId, input.campaignId),
          gt(conversions.id, after),
          input.from ? gte(conversions.orderCreatedAt, input.from) : undefined,
          input.to ? lt(conversions.orderCreatedAt, input.to) : undefined,
        ),
      )
      .orderBy(asc(conversions.id))
      .limit(BATCH);
    if (rows.length === 0) return;
    const ids = rows.filter((r) => r.linesRecorded).map((r) => r.orderId);
    const lineRows = ids.length
      ? await db
          .select({ orderId: orderLines.orderId, ...RULE_LINE_COLUMNS, position: orderLines.position })
          .from(orderLines)
          .where(and(eq(orderLines.workspaceId, input.workspaceId), inArray(orderLines.orderId, ids)))
      : [];
    const linesByOrder = new Map<string, (RuleLine & { position: number })[]>();
    for (const l of lineRows) {
      const list = linesByOrder.get(l.orderId) ?? [];
      list.push(l);
      linesByOrder.set(l.orderId, list);
    }
    for (const list of linesByOrder.values()) list.sort((a, b) => a.position - b.position);
    yield rows.map((r) => ({ row: r, lines: r.linesRecorded ? (linesByOrder.get(r.orderId) ?? []) : null }));
    after = rows[rows.length - 1]!.id;
    if (rows.length < BATCH) return;
  }
}

function termsOfRow(r: Row): Terms {
  return {
    campaignRateBps: r.terms?.campaignRateBps ?? r.commissionRateBps,
    creatorRateBps: r.terms?.campaignRateBps !== undefined ? (r.terms.creatorRateBps ?? null) : null,
    customer: r.terms?.customer ?? "unknown",
  };
}

/** What an order would earn under `plan` (denied: nothing), by the live evaluation. */
function evaluateUnder(r: Row, lines: RuleLine[] | null, plan: CommissionPlan): CommissionEvaluation {
  return evaluateCommission({ order: { subtotalCents: r.subtotalCents, lineItemsTaxCents: r.lineItemsTaxCents, taxesIncluded: r.taxesIncluded, lines }, plan, ...termsOfRow(r) });
}

const earning = (r: Row) => saleInLedger(r.status) || r.status === "pending";

/**
 * Previews `plan` over the campaign's conversions placed in [from, to): the summary (before / after
 * per creator and in total) and the orders whose amount or commission would change, by conversion id
 * after `cursor`, at most `limit` of them.
 */
export async function previewRuleChange(
  db: Db,
  input: { workspaceId: string; campaignId: string; plan: CommissionPlan; from: Date | null; to: Date | null; limit: number; cursor?: string | null; onProgress?: (done: number) => void },
): Promise<{ summary: WhatIfSummary; changed: WhatIfOrder[]; nextCursor: string | null }> {
  const campaign = await getCampaignOrThrow(db, input);
  const perCreator = new Map<string, { orders: number; beforeCents: number; afterCents: number }>();
  const summary: WhatIfSummary = { currency: campaign.currency, orders: 0, changedOrders: 0, beforeCents: 0, afterCents: 0, differenceCents: 0, perCreator: [] };
  const changed: WhatIfOrder[] = [];
  let more = false;
  const candidates: { row: Row; lines: RuleLine[] | null; after: CommissionEvaluation }[] = [];
  for await (const batch of conversionsWithFacts(db, input)) {
    for (const { row, lines } of batch) {
      if (!earning(row) || row.testOrder) continue;
      const after = evaluateUnder(row, lines, input.plan);
      const denied = row.status === "denied";
      const pending = row.status === "pending";
      const before = pending ? { amountCents: row.pendingAmountCents, commissionCents: row.pendingCommissionCents } : { amountCents: row.orderAmountCents, commissionCents: row.commissionCents };
      const afterCommission = denied ? 0 : after.commissionCents;
      summary.orders++;
      summary.beforeCents += before.commissionCents;
      summary.afterCents += afterCommission;
      const c = perCreator.get(row.creatorId) ?? { orders: 0, beforeCents: 0, afterCents: 0 };
      c.orders++;
      c.beforeCents += before.commissionCents;
      c.afterCents += afterCommission;
      perCreator.set(row.creatorId, c);
      if (before.commissionCents === afterCommission && before.amountCents === after.amountCents) continue;
      summary.changedOrders++;
      if (input.cursor && row.id <= input.cursor) continue;
      if (changed.length + candidates.length >= input.limit) {
        more = true;
        continue;
      }
      candidates.push({ row, lines, after: { ...after, commissionCents: afterCommission } });
    }
    input.onProgress?.(summary.orders);
  }
  const inPayout = await conversionsInPayouts(db, input.workspaceId, candidates.map((c) => c.row.id));
  const beforeLines = await creditedLines(db, input.workspaceId, candidates.map((c) => c.row.id));
  for (const { row, after } of candidates) {
    const pending = row.status === "pending";
    changed.push({
      conversionId: row.id,
      orderId: row.orderId,
      orderName: row.orderName,
      orderCreatedAt: row.orderCreatedAt,
      creatorId: row.creatorId,
      status: row.status,
      before: { ...(pending ? { amountCents: row.pendingAmountCents, commissionCents: row.pendingCommissionCents } : { amountCents: row.orderAmountCents, commissionCents: row.commissionCents }), lines: beforeLines.get(row.id) ?? null },
      after: { amountCents: after.amountCents, commissionCents: after.commissionCents, lines: after.lines },
      inPayout: inPayout.has(row.id),
      refunded: row.refundAmountCents > 0,
    });
  }
  summary.differenceCents = summary.afterCents - summary.beforeCents;
  const names = await creatorNames(db, [...perCreator.keys()]);
  summary.perCreator = [...perCreator.entries()]
    .map(([creatorId, v]) => ({ creatorId, creatorName: names.get(creatorId) ?? creatorId, ...v }))
    .sort((a, b) => a.creatorName.localeCompare(b.creatorName) || (a.creatorId < b.creatorId ? -1 : 1));
  return { summary, changed, nextCursor: more && changed.length > 0 ? changed[changed.length - 1]!.conversionId : null };
}

/** The lines each conversion is credited with now (its explanation; null when credited order-wide, before per-line rules). */
async function creditedLines(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, EvaluatedLine[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: conversions.id, lines: sql<EvaluatedLine[] | null>`${conversions.explanation} -> 'amount' -> 'lines'` })
    .from(conversions)
    .where(and(eq(conversions.workspaceId, workspaceId), inArray(conversions.id, ids)));
  return new Map(rows.flatMap((r) => (Array.isArray(r.lines) ? [[r.id, r.lines] as const] : [])));
}

/** The credited creators' names (the conversions are the workspace's: their creators are its roster's). */
async function creatorNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: creators.id, name: creators.fullName }).from(creators).where(inArray(creators.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Conversions with an entry in a live payout item (paid, or being paid). */
async function conversionsInPayouts(db: Db, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: ledgerEntries.conversionId })
    .from(ledgerEntries)
    .innerJoin(payoutItemEntries, and(eq(payoutItemEntries.ledgerEntryId, ledgerEntries.id), isNull(payoutItemEntries.releasedAt)))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), inArray(ledgerEntries.conversionId, ids)));
  return new Set(rows.map((r) => r.id));
}

export type ApplyOutcome = {
  runId: string;
  /** Conversions whose commission moved through a `rule_change` entry (or, awaiting payment, what they will earn). */
  adjusted: number;
  adjustedCents: number;
  /** Already in a payout and left alone (the brand did not tick "claw back / top up in the next payout"). */
  paidLeftAlone: { conversionId: string; orderName: string; differenceCents: number }[];
  /** Partly or fully refunded: left alone (their refunds were reversed at the old terms). */
  refundedLeftAlone: { conversionId: string; orderName: string }[];
};

/**
 * "Apply from now on" saves the rules; with `since`, "Apply to unpaid orders since D" also moves the
 * campaign's conversions placed since D to the new rules: each difference is a `rule_change` ledger
 * entry (idempotent by the run id: applying the same run again writes nothing), and the conversion
 * keeps the new terms (later edits and refunds follow them). Conversions already in a payout are
 * listed and left alone unless `includePaid` ("claw back / top up in the next payout": the
 * difference is a new entry, payable in the next payout). Refunded ones are left alone and listed.
 */
export async function applyRuleChange(
  db: Db,
  input: { workspaceId: string; campaignId: string; plan: CommissionPlan; since: Date | null; includePaid: boolean; runId?: string; actor: Actor; now?: Date },
): Promise<ApplyOutcome> {
  const runId = input.runId ?? createId("ruleRun");
  await saveCampaignRules(db, { workspaceId: input.workspaceId, campaignId: input.campaignId, plan: input.plan, actor: input.actor, ...(input.now ? { now: input.now } : {}) });
  const outcome: ApplyOutcome = { runId, adjusted: 0, adjustedCents: 0, paidLeftAlone: [], refundedLeftAlone: [] };
  if (!input.since) return outcome;
  const at = input.now ?? new Date();
  for await (const batch of conversionsWithFacts(db, { ...input, from: input.since, to: null })) {
    const inPayout = await conversionsInPayouts(db, input.workspaceId, batch.map((b) => b.row.id));
    for (const { row, lines } of batch) {
      if (!earning(row) || row.testOrder) continue;
      const after = evaluateUnder(row, lines, input.plan);
      const commission = row.status === "denied" ? 0 : after.commissionCents;
      const terms = { plan: input.plan, ...termsOfRow(row) };
      await db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        const [c] = await tx.select().from(conversions).where(eq(conversions.id, row.id)).for("update");
        if (!c) return;
        const explanation = c.explanation as Record<string, unknown> & { amount?: Record<string, unknown> };
        const newExplanation = { ...explanation, commission: terms, amount: { ...(explanation.amount ?? {}), amountCents: after.amountCents, commissionCents: commission, lines: after.lines } };
        if (c.status === "pending") {
          if (c.pendingAmountCents === after.amountCents && c.pendingCommissionCents === commission) return;
          await tx.update(conversions).set({ pendingAmountCents: after.amountCents, pendingCommissionCents: commission, explanation: newExplanation, updatedAt: at }).where(eq(conversions.id, c.id));
          outcome.adjusted++;
          outcome.adjustedCents += commission - c.pendingCommissionCents;
          return;
        }
        if (!saleInLedger(c.status)) return;
        const amountDelta = after.amountCents - c.orderAmountCents;
        const commissionDelta = commission - c.commissionCents;
        if (amountDelta === 0 && commissionDelta === 0) return;
        if (c.refundAmountCents > 0) {
          outcome.refundedLeftAlone.push({ conversionId: c.id, orderName: c.orderName });
          return;
        }
        if (inPayout.has(c.id) && !input.includePaid) {
          outcome.paidLeftAlone.push({ conversionId: c.id, orderName: c.orderName, differenceCents: commissionDelta });
          return;
        }
        const written = await appendLedgerEntry(tx, c, {
          kind: "rule_change",
          causeKey: `rule_change:${runId}`,
          amountCents: amountDelta,
          commissionCents: commissionDelta,
          occurredAt: at,
          note: `Commission rules changed (run ${runId}): this order now earns ${commission} (was ${c.commissionCents}) in minor units of ${c.currency}.`,
        });
        if (!written) return; // this run already applied to it
        await tx.update(conversions).set({ explanation: newExplanation }).where(eq(conversions.id, c.id));
        outcome.adjusted++;
        outcome.adjustedCents += commissionDelta;
      });
    }
  }
  return outcome;
}

