import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCampaignDashboard } from "@/lib/dashboard/get-campaign-dashboard";
import { creatorSumsFromLedger } from "@/lib/dashboard/ledger-sums";
import { resolveRange } from "@/lib/dashboard/date-range";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { brandWithCodes, placeOrders } from "@/test/campaign-orders";
import { createTestBrand } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const h = simulatorAndBridgeForFile();
let setup: Awaited<ReturnType<typeof brandWithCodes>>;

beforeAll(async () => {
  setup = await brandWithCodes(h.db, h.env, { creators: 3 });
  placeOrders(h.env.sim, setup, { count: 40, days: 20, seed: 11, deliver: () => true });
  await h.env.sim.webhooks.waitForIdle();
  await drainInProcessJobs();
}, 300_000);

async function stats(id: string, query = "", key = setup.brand.apiKey) {
  const { GET } = await import("@/app/api/v1/campaigns/[id]/stats/route");
  const res = await GET(new NextRequest(`http://localhost/api/v1/campaigns/${id}/stats${query}`, { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({ id }),
  });
  const json = (await res.json()) as Json;
  expectDocumentedResponse("GET", `/api/v1/campaigns/${id}/stats`, res.status, json);
  return { status: res.status, body: json };
}

describe("GET /api/v1/campaigns/{id}/stats", () => {
  it("campaign to date: one row per creator with the dashboard's figures, and totals that add up", async () => {
    const { status, body } = await stats(setup.campaign.id);
    expect(status).toBe(200);
    const data = body.data;
    const dashboard = await loadCampaignDashboard(h.db, { workspaceId: setup.workspaceId, campaignId: setup.campaign.id, query: {} });
    expect(data).toMatchObject({ campaign_id: setup.campaign.id, currency: setup.campaign.currency, range: { kind: "campaign", from: null, to: null, time_zone: setup.campaign.timezone } });
    expect(data.creators).toHaveLength(3);
    for (const row of dashboard.creators) {
      const api = data.creators.find((c: Json) => c.creator_id === row.creatorId);
      expect(api).toEqual({
        creator_id: row.creatorId,
        name: row.name,
        handle: row.handle,
        code: row.code,
        on_roster: row.onRoster,
        orders: row.orders,
        gross_amount: row.grossCents,
        refund_amount: row.refundCents,
        net_amount: row.netCents,
        commission_amount: row.commissionCents,
        reversed_commission_amount: row.reversedCommissionCents,
        net_commission: row.netCommissionCents,
        refund_rate: row.refundRate,
        last_sale_at: row.lastSaleAt,
      });
    }
    const sum = (k: string) => data.creators.reduce((s: number, c: Json) => s + c[k], 0);
    expect(data.totals.orders).toBe(sum("orders"));
    expect(data.totals.gross_amount).toBe(sum("gross_amount"));
    expect(data.totals.net_commission).toBe(sum("net_commission"));
    expect(data.totals.gross_amount).toBeGreaterThan(0);
    expect(data.days.reduce((s: number, d: Json) => s + d.gross_amount, 0)).toBe(data.totals.gross_amount);
  });

  it("takes the dashboard's range parameters, and its figures equal the ledger's for that range", async () => {
    const now = new Date();
    const { body } = await stats(setup.campaign.id, "?range=7d");
    expect(body.data.range.kind).toBe("7d");
    const range = resolveRange({ range: "7d" }, now, setup.campaign.timezone);
    const ledger = await creatorSumsFromLedger(h.db, { workspaceId: setup.workspaceId, campaignId: setup.campaign.id, currency: setup.campaign.currency }, range);
    expect(body.data.totals.gross_amount).toBe(ledger.reduce((s, l) => s + l.grossCents, 0));
    const from = range.from!;
    const custom = await stats(setup.campaign.id, `?range=custom&from=${from}&to=${range.to}`);
    expect(custom.body.data.totals).toEqual(body.data.totals);
  });

  it("a bad range is 422 naming the field; another workspace's or a missing campaign is 404", async () => {
    const bad = await stats(setup.campaign.id, "?range=custom&from=2026-02-30&to=2026-03-01");
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(Object.keys(bad.body.error.details.fields)).toEqual(["from"]);
    expect((await stats(setup.campaign.id, "?range=yesterday")).status).toBe(422);
    const other = await createTestBrand(h.db);
    const foreign = await stats(setup.campaign.id, "", other.apiKey);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    expect((await stats("cmp_00000000000000000000000000")).status).toBe(404);
  });
});
