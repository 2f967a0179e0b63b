import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { creators, payoutItemEntries, payoutItems, payouts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createTestBrand } from "@/test/factories";
import { CODES, DAY, orderPayload, payoutsSetup, refundPayload, refusal } from "@/test/payouts";
import { cancelPayout, failPayoutItem, markPayoutPaid } from "./change-payout";
import { getConversionPayoutStates } from "./conversion-payout-states";
import { createPayout } from "./create-payout";
import { payoutCsv, payoutPaypalCsv } from "./export-payout";
import { getBalances } from "./get-balances";
import { getPayoutOrThrow, listPayoutItemLines } from "./list-payouts";
import { updatePayoutHoldDays } from "./update-payout-settings";

let nextId = 8_100_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
const orderId = () => nextId++;

describe("hold and balances", () => {
  it("a sale is pending for the hold after the order was paid, then payable; changing the hold applies at once", async () => {
    const s = await payoutsSetup();
    const paidAt = new Date(Date.now() - 10 * DAY);
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, paidAt));
    let [b] = await getBalances(s.db, { workspaceId: s.workspaceId, creatorId: s.creatorIds[0]! });
    expect(b).toMatchObject({ pending: 1275, payable: 0, inPayouts: 0, paid: 0, net: 1275 });
    expect(b!.nextPayableAt!.getTime()).toBe(paidAt.getTime() + 30 * DAY);
    await updatePayoutHoldDays(s.db, { workspaceId: s.workspaceId, holdDays: 7, actor: s.actor });
    [b] = await getBalances(s.db, { workspaceId: s.workspaceId, creatorId: s.creatorIds[0]! });
    expect(b).toMatchObject({ pending: 0, payable: 1275 });
  });

  it("an order paid later is held from when it became paid; a refund inside the hold lowers the pending amount", async () => {
    const s = await payoutsSetup();
    const id = orderId();
    await s.send("orders/create", orderPayload(id, CODES[0]!, new Date(Date.now() - 40 * DAY), { financial_status: "pending" }));
    expect(await getBalances(s.db, { workspaceId: s.workspaceId })).toEqual([]);
    const paidNow = new Date();
    await s.send("orders/updated", orderPayload(id, CODES[0]!, new Date(Date.now() - 40 * DAY), { financial_status: "paid", updated_at: paidNow.toISOString() }));
    let [b] = await getBalances(s.db, { workspaceId: s.workspaceId });
    expect(b).toMatchObject({ pending: 1275, payable: 0 });
    expect(b!.nextPayableAt!.getTime()).toBe(new Date(paidNow.toISOString()).getTime() + 30 * DAY);
    await s.send("refunds/create", refundPayload(orderId(), id, 3400, new Date()));
    [b] = await getBalances(s.db, { workspaceId: s.workspaceId });
    expect(b).toMatchObject({ pending: 1275 - 510, payable: 0, net: 765 });
  });

  it("hold days outside 0–365 are refused and nothing changes", async () => {
    const s = await payoutsSetup();
    for (const holdDays of [-1, 366, 2.5]) {
      expect((await refusal(updatePayoutHoldDays(s.db, { workspaceId: s.workspaceId, holdDays, actor: s.actor }))).status).toBe(422);
    }
    expect((await updatePayoutHoldDays(s.db, { workspaceId: s.workspaceId, holdDays: 0, actor: s.actor })).payoutHoldDays).toBe(0);
  });
});

describe("payout runs", () => {
  it("pays each creator's payable balance once, stamps every entry, and refunds after payment are clawed back from the next payout", async () => {
    const s = await payoutsSetup();
    const [jane, mark] = s.creatorIds as [string, string];
    const paidOrder = orderId();
    await s.send("orders/create", orderPayload(paidOrder, CODES[0]!, new Date(Date.now() - 45 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 35 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[1]!, new Date(Date.now() - 31 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[1]!, new Date(Date.now() - 2 * DAY))); // still held

    const p1 = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
    expect(p1).toMatchObject({ number: 1, status: "draft", totalCents: 1275 * 3, itemsCount: 2, entriesCount: 3 });
    const { items } = await getPayoutOrThrow(s.db, { workspaceId: s.workspaceId, payoutId: p1.id });
    expect(items.map((i) => [i.creatorId, i.amountCents, i.ordersCount])).toEqual(
      expect.arrayContaining([
        [jane, 2550, 2],
        [mark, 1275, 1],
      ]),
    );
    // nothing is payable twice: a second run while one is in progress is a 409, and after it there is nothing left
    expect((await refusal(createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor }))).status).toBe(409);
    const balances = await getBalances(s.db, { workspaceId: s.workspaceId });
    expect(balances.find((b) => b.creatorId === mark)).toMatchObject({ pending: 1275, payable: 0, inPayouts: 1275, paid: 0 });

    await markPayoutPaid(s.db, { workspaceId: s.workspaceId, payoutId: p1.id, reference: "PAYPAL-BATCH-1", actor: s.actor });
    expect((await refusal(markPayoutPaid(s.db, { workspaceId: s.workspaceId, payoutId: p1.id, actor: s.actor }))).status).toBe(409);
    expect((await refusal(cancelPayout(s.db, { workspaceId: s.workspaceId, payoutId: p1.id, actor: s.actor }))).status).toBe(409);
    expect((await getBalances(s.db, { workspaceId: s.workspaceId, creatorId: jane }))[0]).toMatchObject({ payable: 0, inPayouts: 0, paid: 2550 });

    // a refund after payment: a negative payable that the next payout nets
    await s.send("refunds/create", refundPayload(orderId(), paidOrder, 8500, new Date()));
    expect((await getBalances(s.db, { workspaceId: s.workspaceId, creatorId: jane }))[0]).toMatchObject({ payable: -1275, paid: 2550, net: 1275 });
    const conv = (await queryRows<{ id: string }>(s.db, sql`SELECT id FROM conversions WHERE workspace_id = ${s.workspaceId} AND shopify_order_id = ${paidOrder}`))[0]!;
    const state = (await getConversionPayoutStates(s.db, { workspaceId: s.workspaceId, conversionIds: [conv.id] })).get(conv.id)!;
    expect(state).toMatchObject({ paid: 1275, clawedBack: 1275, payable: -1275, paidIn: ["P-0001"] });

    // negative: carried forward, never paid
    expect((await refusal(createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor }))).details).toMatchObject({ reason: "nothing_payable" });

    // new earnings past the hold: the next payout nets the clawback
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 33 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 32 * DAY)));
    const p2 = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
    const second = await getPayoutOrThrow(s.db, { workspaceId: s.workspaceId, payoutId: p2.id });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).toMatchObject({ creatorId: jane, amountCents: 2 * 1275 - 1275 });
    const lines = await listPayoutItemLines(s.db, { workspaceId: s.workspaceId, itemId: second.items[0]!.id });
    const clawback = lines.find((l) => l.commissionCents < 0)!;
    expect(clawback).toMatchObject({ kind: "refund", commissionCents: -1275, clawbackOf: { number: 1, label: "P-0001" } });
    expect(lines.filter((l) => l.commissionCents > 0).every((l) => l.clawbackOf === null)).toBe(true);

    // every stamped entry is in exactly one live item
    const [dupes] = await queryRows<{ n: string }>(
      s.db,
      sql`SELECT COUNT(*) AS n FROM (SELECT ledger_entry_id FROM payout_item_entries WHERE workspace_id = ${s.workspaceId} AND released_at IS NULL GROUP BY 1 HAVING COUNT(*) > 1) d`,
    );
    expect(Number(dupes!.n)).toBe(0);
  });

  it("the database refuses an entry in two live payout items", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    const p = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
    const [stamp] = await s.db.select().from(payoutItemEntries).where(eq(payoutItemEntries.workspaceId, s.workspaceId));
    const [other] = await s.db
      .insert(payoutItems)
      .values({ workspaceId: s.workspaceId, payoutId: p.id, creatorId: s.creatorIds[1]!, currency: "USD", amountCents: 1, entriesCount: 1, ordersCount: 1, periodStart: new Date(), periodEnd: new Date() })
      .returning();
    await expect(s.db.insert(payoutItemEntries).values({ payoutItemId: other!.id, ledgerEntryId: stamp!.ledgerEntryId, workspaceId: s.workspaceId })).rejects.toThrow();
  });

  it("two runs started at once make one payout", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[1]!, new Date(Date.now() - 45 * DAY)));
    const results = await Promise.allSettled([1, 2, 3].map(() => createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) expect(((r as PromiseRejectedResult).reason as AppError).status).toBe(409);
    expect(await s.db.select().from(payouts).where(eq(payouts.workspaceId, s.workspaceId))).toHaveLength(1);
  });

  it("a failed item releases its entries back to payable; failing it twice is a 409; a cancelled draft releases everything", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[1]!, new Date(Date.now() - 45 * DAY)));
    const p = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
    const { items } = await getPayoutOrThrow(s.db, { workspaceId: s.workspaceId, payoutId: p.id });
    const item = items.find((i) => i.creatorId === s.creatorIds[0])!;
    const failed = await failPayoutItem(s.db, { workspaceId: s.workspaceId, payoutId: p.id, itemId: item.id, reason: "PayPal: receiver account locked", actor: s.actor });
    expect(failed).toMatchObject({ status: "failed", failureReason: "PayPal: receiver account locked" });
    expect((await refusal(failPayoutItem(s.db, { workspaceId: s.workspaceId, payoutId: p.id, itemId: item.id, reason: "again", actor: s.actor }))).status).toBe(409);
    expect((await refusal(failPayoutItem(s.db, { workspaceId: s.workspaceId, payoutId: p.id, itemId: items[1]!.id, reason: "  ", actor: s.actor }))).status).toBe(422);
    expect((await getBalances(s.db, { workspaceId: s.workspaceId, creatorId: s.creatorIds[0]! }))[0]).toMatchObject({ payable: 1275, inPayouts: 0 });
    expect((await getPayoutOrThrow(s.db, { workspaceId: s.workspaceId, payoutId: p.id })).payout.totalCents).toBe(1275);

    await cancelPayout(s.db, { workspaceId: s.workspaceId, payoutId: p.id, actor: s.actor });
    expect((await refusal(markPayoutPaid(s.db, { workspaceId: s.workspaceId, payoutId: p.id, actor: s.actor }))).status).toBe(409);
    expect((await getBalances(s.db, { workspaceId: s.workspaceId })).map((b) => [b.payable, b.inPayouts])).toEqual([
      [1275, 0],
      [1275, 0],
    ]);
    // and a new run pays both again
    expect((await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor })).totalCents).toBe(2550);
  });

  it("the minimum leaves small balances for later", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[1]!, new Date(Date.now() - 45 * DAY)));
    const p = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", minimumAmountCents: 2000, actor: s.actor });
    expect(p).toMatchObject({ itemsCount: 1, totalCents: 2550 });
  });

  it("a cutoff in the past pays only what was payable then", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 50 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 35 * DAY)));
    const p = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", cutoff: new Date(Date.now() - 10 * DAY), actor: s.actor });
    expect(p.totalCents).toBe(1275);
  });

  it("bad input is a 4xx and changes nothing", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    const cases = [
      { currency: "XYZ" },
      { currency: "usdollars" },
      { currency: "USD", minimumAmountCents: -1 },
      { currency: "USD", minimumAmountCents: 1.5 },
      { currency: "USD", cutoff: new Date(Date.now() + DAY) },
      { currency: "USD", cutoff: new Date("nope") },
    ];
    for (const c of cases) expect((await refusal(createPayout(s.db, { workspaceId: s.workspaceId, actor: s.actor, ...c }))).status).toBe(422);
    expect(await s.db.select().from(payouts).where(eq(payouts.workspaceId, s.workspaceId))).toHaveLength(0);
  });

  it("a run that dies halfway leaves nothing behind", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    // the process "dies" while stamping entries: the last statement of the run fails for this workspace
    const fn = `payout_test_die_${s.workspaceId.slice(3, 15)}`;
    await s.db.execute(
      sql.raw(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.workspace_id = '${s.workspaceId}' THEN RAISE EXCEPTION 'killed mid-run'; END IF; RETURN NEW; END $$`),
    );
    await s.db.execute(sql.raw(`CREATE TRIGGER ${fn} BEFORE INSERT ON payout_item_entries FOR EACH ROW EXECUTE FUNCTION ${fn}()`));
    try {
      const died = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor }).then(
        () => null,
        (e: Error) => e,
      );
      expect(`${died?.message} ${(died?.cause as Error | undefined)?.message}`).toMatch(/killed mid-run/);
    } finally {
      await s.db.execute(sql.raw(`DROP TRIGGER ${fn} ON payout_item_entries; DROP FUNCTION ${fn}()`));
    }
    expect(await s.db.select().from(payouts).where(eq(payouts.workspaceId, s.workspaceId))).toHaveLength(0);
    expect(await s.db.select().from(payoutItems).where(eq(payoutItems.workspaceId, s.workspaceId))).toHaveLength(0);
    expect((await getBalances(s.db, { workspaceId: s.workspaceId }))[0]).toMatchObject({ payable: 1275, inPayouts: 0 });
  });

  it("a run that dies after stamping its first batch of creators leaves nothing behind", async () => {
    const s = await payoutsSetup();
    for (const code of CODES) await s.send("orders/create", orderPayload(orderId(), code, new Date(Date.now() - 45 * DAY)));
    const stamped = () => queryRows<{ n: string }>(s.db, sql`SELECT COUNT(*) AS n FROM payout_item_entries WHERE workspace_id = ${s.workspaceId} AND released_at IS NULL`);
    const died = await createPayout(s.db, {
      workspaceId: s.workspaceId,
      currency: "USD",
      actor: s.actor,
      batchSize: 1,
      onProgress: async (done) => {
        if (done !== 1) return;
        // the first creator's entries are stamped inside the run's transaction (seen on its connection only)
        throw new Error("killed after the first batch");
      },
    }).then(
      () => null,
      (e: Error) => e,
    );
    expect(died?.message).toBe("killed after the first batch");
    expect(await s.db.select().from(payouts).where(eq(payouts.workspaceId, s.workspaceId))).toHaveLength(0);
    expect(await s.db.select().from(payoutItems).where(eq(payoutItems.workspaceId, s.workspaceId))).toHaveLength(0);
    expect(Number((await stamped())[0]!.n)).toBe(0);
    expect((await getBalances(s.db, { workspaceId: s.workspaceId })).map((b) => [b.payable, b.inPayouts])).toEqual([
      [1275, 0],
      [1275, 0],
    ]);
  });

  it("another workspace's payout is not found", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    const p = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
    const other = await createTestBrand(s.db);
    expect((await refusal(getPayoutOrThrow(s.db, { workspaceId: other.workspace.id, payoutId: p.id }))).status).toBe(404);
    expect((await refusal(markPayoutPaid(s.db, { workspaceId: other.workspace.id, payoutId: p.id, actor: s.actor }))).status).toBe(404);
  });
});

describe("exports", () => {
  it("the generic CSV and PayPal's payment file carry exact amounts from integer cents, one unique id per item", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[1]!, new Date(Date.now() - 45 * DAY)));
    // a creator's payout email (Profile) is where the money goes; without one, the sign-in email
    await s.db.update(creators).set({ payoutEmail: "jane.paypal@example.com" }).where(eq(creators.id, s.creatorIds[0]!));
    const p = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
    const { payout, items } = await getPayoutOrThrow(s.db, { workspaceId: s.workspaceId, payoutId: p.id });
    const generic = payoutCsv(payout, items).trimEnd().split("\r\n");
    expect(generic[0]).toBe("payout,item_id,creator_id,creator_name,payout_email,amount,currency,orders,entries,period_start,period_end,status,reference");
    expect(generic).toHaveLength(3);
    expect(generic[1]).toMatch(/^P-0001,poi_[0-9a-z]{26},cre_[0-9a-z]{26},[A-Z0-9]+,[^,]+@example\.com,12\.75,USD,1,1,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},pending,$/);
    const paypal = payoutPaypalCsv(payout, items, s.brand.workspace.name).trimEnd().split("\r\n");
    expect(paypal).toHaveLength(2);
    // recipient, amount, currency, a unique id (≤ 30 characters), the note (quoted: it has commas), wallet
    const row = /^([^,]+@example\.com),12\.75,USD,(poi_[0-9a-z]{26}),"Brand [0-9a-f]+ commission \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(P-0001, 1 order\)",PAYPAL$/;
    const ids = paypal.map((l) => row.exec(l)?.[2]);
    expect(ids.every((id) => id !== undefined && id.length <= 30)).toBe(true);
    expect(new Set(ids).size).toBe(2);
    expect(paypal.filter((l) => l.startsWith("jane.paypal@example.com,12.75,USD,"))).toHaveLength(1);
  });
});
