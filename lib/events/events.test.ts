import { and, eq, like } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { conversions, events, ledgerEntries } from "@/db/schema";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { changeConversionStatus } from "@/lib/attribution/change-conversion-status";
import { appendLedgerEntry } from "@/lib/ledger/append-ledger-entry";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { createTestBrand, uniq } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { CODES, DAY, orderPayload, payoutsSetup, refundPayload } from "@/test/payouts";
import { startSimulator } from "@/test/simulator";
import { failPayoutItem, markPayoutPaid } from "@/lib/payouts/change-payout";
import { createPayout } from "@/lib/payouts/create-payout";
import { getPayoutOrThrow } from "@/lib/payouts/list-payouts";
import { recordEvent } from "./record-event";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let nextId = 8_600_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
const orderId = () => nextId++;

async function feed(key: string, query = ""): Promise<{ status: number; body: Json }> {
  const { GET } = await import("@/app/api/v1/events/route");
  const req = new NextRequest(`http://localhost/api/v1/events${query}`, { headers: { authorization: `Bearer ${key}` } });
  const res = await GET(req, { params: Promise.resolve({}) });
  const body = (await res.json()) as Json;
  expectDocumentedResponse("GET", "/api/v1/events", res.status, body);
  return { status: res.status, body };
}


// The simulator before anything reads the (cached) configuration: it points SHOPIFY_ADMIN_ORIGIN at itself.
let env: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  env = await startSimulator();
});
afterAll(() => env.server.close());

const eventsOf = (db: Db, workspaceId: string) => db.select().from(events).where(eq(events.workspaceId, workspaceId)).orderBy(events.seq);

describe("outbound events (the outbox)", () => {
  it("each change writes exactly one event, with the API's conversion fields, and a replayed delivery writes none", async () => {
    const s = await payoutsSetup();
    const first = orderId();
    const order = orderPayload(first, CODES[0]!, new Date(Date.now() - 2 * DAY));
    await s.send("orders/create", order);
    await s.send("orders/create", order); // Shopify's retry of the same order: no second event
    const pendingId = orderId();
    await s.send("orders/create", orderPayload(pendingId, CODES[1]!, new Date(Date.now() - DAY), { financial_status: "pending" }));
    await s.send("orders/updated", orderPayload(pendingId, CODES[1]!, new Date(Date.now() - DAY), { financial_status: "paid", updated_at: new Date().toISOString() }));
    await s.send("refunds/create", refundPayload(orderId(), first, 2500, new Date()));

    const written = await eventsOf(s.db, s.workspaceId);
    expect(written.map((e) => e.type)).toEqual(["conversion.created", "conversion.created", "conversion.status_changed", "conversion.refunded"]);
    const [created, , paid, refunded] = written as [typeof events.$inferSelect, unknown, typeof events.$inferSelect, typeof events.$inferSelect];
    expect(created.data).toMatchObject({ order_id: String(first), status: "approved", order_amount: 8500, commission_amount: 1275, refund_amount: 0, currency: "USD" });
    expect(paid.data).toMatchObject({ order_id: String(pendingId), status: "approved", previous_status: "pending", commission_amount: 1275 });
    expect(refunded.data).toMatchObject({
      order_id: String(first),
      refund_amount: 2500,
      net_amount: 6000,
      refunded_commission: 375,
      net_commission: 900,
      refund: { kind: "refund", amount: 2500, commission: 375 },
    });
    expect(typeof refunded.data.refund_at).toBe("string");

    // Every ledger entry of the workspace has exactly one event, keyed by the entry.
    const entries = await s.db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, s.workspaceId));
    const ledgerEvents = await s.db.select({ sourceKey: events.sourceKey }).from(events).where(and(eq(events.workspaceId, s.workspaceId), like(events.sourceKey, "ledger:%")));
    expect(ledgerEvents.map((e) => e.sourceKey).sort()).toEqual(entries.map((e) => `ledger:${e.id}`).sort());

    // A brand's review: one status_changed, with the commission the ledger moved.
    const [c] = await s.db.select().from(conversions).where(eq(conversions.id, created.subjectId));
    await changeConversionStatus(s.db, { workspaceId: s.workspaceId, conversionId: c!.id, to: "denied", userId: s.brand.user.id });
    const denied = (await eventsOf(s.db, s.workspaceId)).at(-1)!;
    expect(denied).toMatchObject({ type: "conversion.status_changed", data: { status: "denied", previous_status: "approved", net_commission: 0 } });
  });

  it("a change that rolls back leaves no event (and no ledger entry)", async () => {
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - DAY)));
    const before = await eventsOf(s.db, s.workspaceId);
    const [c] = await s.db.select().from(conversions).where(eq(conversions.workspaceId, s.workspaceId));
    await expect(
      s.db.transaction(async (tx) => {
        const written = await appendLedgerEntry(tx as unknown as Db, c!, { kind: "reconcile_amount", causeKey: "reconcile:test:amount", amountCents: 100, commissionCents: 15, occurredAt: new Date() });
        expect(written).not.toBeNull();
        expect((await tx.select().from(events).where(eq(events.workspaceId, s.workspaceId))).length).toBe(before.length + 1);
        throw new Error("the process died before commit");
      }),
    ).rejects.toThrow("the process died");
    expect(await eventsOf(s.db, s.workspaceId)).toEqual(before);
    expect((await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, c!.id))).length).toBe(1);
  });

  it("GET /api/v1/events pages in order, filters by type, replays from any event id, and refuses bad input", async () => {
    const s = await payoutsSetup();
    const orders = [orderId(), orderId(), orderId()];
    for (const id of orders) await s.send("orders/create", orderPayload(id, CODES[0]!, new Date(Date.now() - DAY)));
    await s.send("refunds/create", refundPayload(orderId(), orders[0]!, 8500, new Date()));
    const key = s.brand.apiKey;
    const all = (await feed(key, "?limit=200")).body.data as Json[];
    expect(all.map((e) => e.type)).toEqual(["conversion.created", "conversion.created", "conversion.created", "conversion.refunded"]);
    expect(all[3]).toMatchObject({ data: { order_id: String(orders[0]), status: "reversed", previous_status: "approved", net_commission: 0 } });

    const page1 = await feed(key, "?limit=3");
    expect(page1.body.data.map((e: Json) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id));
    expect(page1.body.next_cursor).toBe(all[2]!.id);
    const page2 = await feed(key, `?limit=3&after=${page1.body.next_cursor}`);
    expect(page2.body).toEqual({ data: [all[3]], next_cursor: null });
    expect((await feed(key, `?after=${all[0]!.id}`)).body.data.map((e: Json) => e.id)).toEqual(all.slice(1).map((e) => e.id));
    expect((await feed(key, "?types=conversion.refunded,payout.paid")).body.data.map((e: Json) => e.id)).toEqual([all[3]!.id]);

    const badType = await feed(key, "?types=conversion.refunded,order.created");
    expect(badType.status).toBe(422);
    expect(badType.body.error.details.fields.types[0]).toContain("order.created");
    expect((await feed(key, "?after=evt_nope")).status).toBe(400);
    expect((await feed(key, "?limit=0")).status).toBe(422);
    // Another workspace's event id is not a position in this one.
    const other = await createTestBrand(s.db);
    expect((await feed(other.apiKey, `?after=${all[0]!.id}`)).status).toBe(400);
    expect((await feed(other.apiKey, "")).body).toEqual({ data: [], next_cursor: null });
  });

  it("an event whose transaction commits late is never skipped by a client that already read past it", async () => {
    const brand = await createTestBrand();
    const db = brand.db;
    let releaseSlow!: () => void;
    let slowWrote!: () => void;
    const wrote = new Promise<void>((r) => (slowWrote = r));
    const slow = db.transaction(async (tx) => {
      await recordEvent(tx as unknown as Db, { workspaceId: brand.workspace.id, type: "creator.added", sourceKey: "test:slow", subjectId: "cre_slow", data: { n: 1 } });
      slowWrote();
      await new Promise<void>((r) => (releaseSlow = r));
    });
    await wrote;
    // Inserted after the slow one (a higher insert number) but committed first: shown first.
    await recordEvent(db, { workspaceId: brand.workspace.id, type: "creator.added", sourceKey: "test:fast", subjectId: "cre_fast", data: { n: 2 } });
    const firstRead = (await feed(brand.apiKey, "")).body.data as Json[];
    expect(firstRead.map((e) => e.data.n)).toEqual([2]);
    releaseSlow();
    await slow;
    // The client goes on from the last id it saw and gets the late one: nothing was skipped.
    const after = (await feed(brand.apiKey, `?after=${firstRead[0]!.id}`)).body.data as Json[];
    expect(after.map((e) => e.data.n)).toEqual([1]);
    expect(((await feed(brand.apiKey, "")).body.data as Json[]).map((e) => e.data.n)).toEqual([2, 1]);
  });
});

describe("payout events", () => {
  it("payout.created, payout.paid and payout.item_failed exist exactly when their change committed, with the API's payout fields", async () => {
    const s = await payoutsSetup();
    const key = s.brand.apiKey;
    for (const [code, days] of [[CODES[0]!, 40], [CODES[1]!, 35]] as const) await s.send("orders/create", orderPayload(orderId(), code, new Date(Date.now() - days * DAY)));
    const payoutEvents = async () => (await feed(key, "?types=payout.created,payout.paid,payout.item_failed")).body.data as Json[];

    // A run that rolls back (the process died before commit) leaves no payout and no event.
    await expect(
      s.db.transaction(async (tx) => {
        await createPayout(tx as unknown as Db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
        throw new Error("the process died before commit");
      }),
    ).rejects.toThrow("the process died");
    expect(await payoutEvents()).toEqual([]);

    const first = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
    const { items } = await getPayoutOrThrow(s.db, { workspaceId: s.workspaceId, payoutId: first.id });
    const { GET } = await import("@/app/api/v1/payouts/[id]/route");
    const shown = (await (
      await GET(new NextRequest(`http://localhost/api/v1/payouts/${first.id}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ id: first.id }) })
    ).json()) as Json;
    let written = await payoutEvents();
    expect(written).toHaveLength(1);
    // the same fields and values as GET /api/v1/payouts/{id} (the payout as the change left it)
    expect(written[0]).toMatchObject({ type: "payout.created", data: shown.data });
    expect(written[0]!.data).toMatchObject({ id: first.id, status: "draft", total: 2550, items: expect.arrayContaining([expect.objectContaining({ amount: 1275, entries: 1 })]) });

    // A refused change (paying with an unknown item reference) writes nothing.
    await expect(markPayoutPaid(s.db, { workspaceId: s.workspaceId, payoutId: first.id, itemReferences: { poi_nope: "X" }, actor: s.actor })).rejects.toThrow();
    expect(await payoutEvents()).toHaveLength(1);

    const [failing, paying] = items as [(typeof items)[number], (typeof items)[number]];
    await failPayoutItem(s.db, { workspaceId: s.workspaceId, payoutId: first.id, itemId: failing.id, reason: "PayPal account closed", actor: s.actor });
    await expect(failPayoutItem(s.db, { workspaceId: s.workspaceId, payoutId: first.id, itemId: failing.id, reason: "again", actor: s.actor })).rejects.toThrow();
    await markPayoutPaid(s.db, { workspaceId: s.workspaceId, payoutId: first.id, reference: "PAYPAL-1", actor: s.actor });
    await expect(markPayoutPaid(s.db, { workspaceId: s.workspaceId, payoutId: first.id, reference: "PAYPAL-2", actor: s.actor })).rejects.toThrow();
    written = await payoutEvents();
    expect(written.map((e) => e.type)).toEqual(["payout.created", "payout.item_failed", "payout.paid"]);
    expect(written[1]!.data).toMatchObject({
      id: first.id,
      total: 1275,
      item: { id: failing.id, creator_id: failing.creatorId, status: "failed", failure_reason: "PayPal account closed", amount: 1275 },
    });
    expect(written[2]!.data).toMatchObject({ id: first.id, status: "paid", reference: "PAYPAL-1", total: 1275 });
    expect((written[2]!.data.items as Json[]).find((i) => i.id === paying.id)).toMatchObject({ status: "paid", reference: "PAYPAL-1" });
    expect(written.every((e) => typeof e.id === "string" && typeof e.created_at === "string")).toBe(true);
  });
});

describe("roster and campaign events", () => {

  it("creator.added once per new place on the roster; campaign.ended once, however often it is ended", async () => {
    const db = await getDb();
    const brand = await createTestBrand(db);
    await env.connectStore(db, brand.workspace.id, { plan: "plus" });
    const actor = { kind: "system" } as const;
    const campaign = await createCampaign(db, {
      workspaceId: brand.workspace.id,
      actor,
      campaign: ZCreateCampaign.parse({ name: "Events", starts_at: new Date(Date.now() - 3600_000).toISOString(), discount: { type: "percentage", value: 10 }, commission_rate_bps: 1000 }),
    });
    const email = `ada-${uniq()}@example.com`;
    const rows = [{ email, full_name: "Ada" }];
    await addCreatorsToCampaign(db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, invitedByUserId: null, rows });
    await addCreatorsToCampaign(db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, invitedByUserId: null, rows });
    await updateCampaign(db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, patch: { status: "ended" } });
    await drainInProcessJobs(); // the codes' deactivation (which also records an end that passed) finds the event written
    const written = await eventsOf(db, brand.workspace.id);
    expect(written.map((e) => e.type)).toEqual(["creator.added", "campaign.ended"]);
    expect(written[0]!.data).toMatchObject({ campaign_id: campaign.id, email, full_name: "Ada", code_status: "pending" });
    expect(written[1]!.data).toMatchObject({ id: campaign.id, status: "ended" });
  });
});
