import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaigns, clicks, conversions, creators, enrollments, orders } from "@/db/schema";
import type { Db } from "@/db/client";
import { visitReferralLink } from "@/lib/clicks/visit-referral-link";
import { taggedHeaders } from "@/lib/http/client-address";
import { createTestBrand, uniq } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { createReferralLink } from "@/test/referral-links";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
let ip = 1;

async function clicksApi(id: string, query: string, key: string) {
  const { GET } = await import("@/app/api/v1/campaigns/[id]/clicks/route");
  const res = await GET(new NextRequest(`http://localhost/api/v1/campaigns/${id}/clicks${query}`, { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({ id }),
  });
  const json = (await res.json()) as Json;
  expectDocumentedResponse("GET", `/api/v1/campaigns/${id}/clicks`, res.status, json);
  return { status: res.status, body: json };
}

/** A visit through the link at `at` by a browser (a fresh address each time unless given), or a bot. */
async function visit(db: Db, slug: string, at: Date, opts: { ua?: string; cookie?: string } = {}) {
  const headers = new Headers(taggedHeaders(`192.0.2.${ip++ % 250}`, { "user-agent": opts.ua ?? CHROME, ...(opts.cookie ? { cookie: opts.cookie } : {}) }));
  return visitReferralLink(db, { slug, method: "GET", headers, now: at });
}

/** A second creator on the same campaign. */
async function secondCreator(db: Db, link: Awaited<ReturnType<typeof createReferralLink>>, name: string) {
  const [creator] = await db.insert(creators).values({ email: `c-${uniq()}@example.com`, fullName: name, handle: `h${uniq()}` }).returning();
  const slug = `second-${uniq()}`;
  await db.insert(enrollments).values({ workspaceId: link.brand.workspace.id, campaignId: link.campaign.id, creatorId: creator!.id, referralSlug: slug });
  return { creator: creator!, slug };
}

describe("GET /api/v1/campaigns/{id}/clicks", () => {
  it("per day and per creator: clicks, unique visitors, credited orders, the rate, top landing pages; bots apart; repeats within 30 minutes once", async () => {
    const link = await createReferralLink({ campaign: { startsAt: new Date("2026-03-01T00:00:00Z"), landingUrl: "https://glow.example/products/serum" } });
    const { db, brand, campaign } = link;
    await db.update(campaigns).set({ timezone: "America/New_York" }).where(eq(campaigns.id, campaign.id));
    const other = await secondCreator(db, link, "Bea Second");

    // Mar 10 (New York): a visitor clicks twice within 30 minutes (one click), another visitor once.
    const first = await visit(db, link.slug, new Date("2026-03-10T15:00:00Z"));
    const vid = /tally_vid=([^;]+)/.exec(first.kind === "redirect" ? (first.setCookie ?? "") : "")![1]!;
    await visit(db, link.slug, new Date("2026-03-10T15:10:00Z"), { cookie: `tally_vid=${vid}` });
    await visit(db, link.slug, new Date("2026-03-10T16:00:00Z"));
    // Mar 11 03:00 UTC is still Mar 10 in New York; the same visitor an hour later is a new click.
    await visit(db, link.slug, new Date("2026-03-11T03:00:00Z"), { cookie: `tally_vid=${vid}` });
    // Mar 12: Bea's link, once.
    const bea = await visit(db, other.slug, new Date("2026-03-12T18:00:00Z"));
    // Bots and previews: counted apart, never clicks.
    await visit(db, link.slug, new Date("2026-03-10T17:00:00Z"), { ua: "facebookexternalhit/1.1" });
    await visit(db, link.slug, new Date("2026-03-10T17:00:00Z"), { ua: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" });

    // One order credited through Bea's click.
    const [order] = await db
      .insert(orders)
      .values({
        workspaceId: brand.workspace.id,
        shopId: link.shop.id,
        shopifyOrderId: Number(`7${Date.now() % 1e9}`),
        name: "#1001",
        currency: "USD",
        subtotalCents: 5000,
        totalDiscountsCents: 0,
        totalTaxCents: 0,
        totalPriceCents: 5000,
        shopifyCreatedAt: new Date("2026-03-13T12:00:00Z"),
        shopifyUpdatedAt: new Date("2026-03-13T12:00:00Z"),
      } as typeof orders.$inferInsert)
      .returning();
    await db.insert(conversions).values({
      workspaceId: brand.workspace.id,
      shopId: link.shop.id,
      orderId: order!.id,
      shopifyOrderId: order!.shopifyOrderId,
      orderName: "#1001",
      campaignId: campaign.id,
      creatorId: other.creator.id,
      enrollmentId: (await db.select().from(enrollments).where(eq(enrollments.referralSlug, other.slug)))[0]!.id,
      clickId: bea.kind === "redirect" ? bea.clickId : null,
      type: "link",
      status: "approved",
      currency: "USD",
      commissionRateBps: 1500,
      orderAmountCents: 5000,
      commissionCents: 750,
      orderCreatedAt: order!.shopifyCreatedAt,
      explanation: {},
    } as typeof conversions.$inferInsert);

    const byDay = await clicksApi(campaign.id, "?from=2026-03-09&to=2026-03-12", brand.apiKey);
    expect(byDay.status).toBe(200);
    expect(byDay.body.data).toMatchObject({
      campaign_id: campaign.id,
      from: "2026-03-09",
      to: "2026-03-12",
      time_zone: "America/New_York",
      group_by: "day",
      totals: { clicks: 4, unique_visitors: 3, orders: 1, conversion_rate: 0.25, not_counted: { bot: 2, total: 2 } },
      top_landing_pages: [{ path: "/products/serum", clicks: 4 }],
    });
    expect(byDay.body.data.rows).toEqual([
      { day: "2026-03-09", clicks: 0, unique_visitors: 0, orders: 0, conversion_rate: null },
      { day: "2026-03-10", clicks: 3, unique_visitors: 2, orders: 0, conversion_rate: 0 },
      { day: "2026-03-11", clicks: 0, unique_visitors: 0, orders: 0, conversion_rate: null },
      { day: "2026-03-12", clicks: 1, unique_visitors: 1, orders: 1, conversion_rate: 1 },
    ]);

    const byCreator = await clicksApi(campaign.id, "?from=2026-03-09&to=2026-03-12&group_by=creator", brand.apiKey);
    expect(byCreator.body.data.rows).toEqual([
      { creator_id: link.creator.id, name: "Casey Creator", clicks: 3, unique_visitors: 2, orders: 0, conversion_rate: 0 },
      { creator_id: other.creator.id, name: "Bea Second", clicks: 1, unique_visitors: 1, orders: 1, conversion_rate: 1 },
    ]);
    expect(await db.select().from(clicks).where(eq(clicks.campaignId, campaign.id))).toHaveLength(4);
  });

  it("bad ranges and parameters are 422 naming the field; another workspace's campaign is 404", async () => {
    const link = await createReferralLink();
    const key = link.brand.apiKey;
    for (const [query, field] of [
      ["?from=2026-03-10&to=2026-03-01", "from"],
      ["?from=2025-01-01&to=2026-03-01", "from"],
      ["?from=2026-02-30", "from"],
      ["?to=yesterday", "to"],
      ["?group_by=week", "group_by"],
    ] as const) {
      const r = await clicksApi(link.campaign.id, query, key);
      expect({ query, status: r.status }).toEqual({ query, status: 422 });
      expect(JSON.stringify(r.body.error.details), query).toContain(field);
    }
    expect((await clicksApi(link.campaign.id, "?color=red", key)).status).toBe(422);
    const stranger = await createTestBrand();
    expect((await clicksApi(link.campaign.id, "", stranger.apiKey)).status).toBe(404);
    expect((await clicksApi("cmp_doesnotexist", "", key)).status).toBe(404);
  });

  it("defaults to the last 30 days of the campaign's zone, every day listed", async () => {
    const link = await createReferralLink();
    const r = await clicksApi(link.campaign.id, "", link.brand.apiKey);
    expect(r.status).toBe(200);
    expect(r.body.data.rows).toHaveLength(30);
    expect(r.body.data.totals).toMatchObject({ clicks: 0, unique_visitors: 0, orders: 0, conversion_rate: null, not_counted: { total: 0 } });
  });
});
