import { describe, expect, it } from "vitest";
import { clicks } from "@/db/schema";
import type { Db } from "@/db/client";
import { CLICK_WINDOW_DAYS } from "./constants";
import { findAttributableClick } from "./find-attributable-click";
import { createReferralLink } from "@/test/referral-links";

const DAY = 24 * 60 * 60 * 1000;
const ORDER_AT = new Date("2026-03-20T12:00:00Z");
const daysBefore = (d: number) => new Date(ORDER_AT.getTime() - d * DAY);

type Link = Awaited<ReturnType<typeof createReferralLink>>;

async function insertClick(db: Db, link: Link, clickedAt: Date) {
  const [row] = await db
    .insert(clicks)
    .values({
      workspaceId: link.brand.workspace.id,
      campaignId: link.campaign.id,
      enrollmentId: link.enrollment.id,
      creatorId: link.creator.id,
      visitorId: "CCCCCCCCCCCCCCCCCCCCCC",
      clickedAt,
    })
    .returning();
  return row!;
}

const find = (link: Link, extra: Partial<Parameters<typeof findAttributableClick>[1]> = {}) =>
  findAttributableClick(link.db, {
    workspaceId: link.brand.workspace.id,
    slug: link.slug,
    orderCreatedAt: ORDER_AT,
    windowDays: CLICK_WINDOW_DAYS,
    ...extra,
  });

describe("findAttributableClick", () => {
  it("returns the named click with its enrollment, campaign and creator when it is before the order and in the window", async () => {
    const link = await createReferralLink();
    const click = await insertClick(link.db, link, daysBefore(2));
    expect(await find(link, { clickId: click.id })).toEqual({
      clickId: click.id,
      workspaceId: link.brand.workspace.id,
      campaignId: link.campaign.id,
      enrollmentId: link.enrollment.id,
      creatorId: link.creator.id,
      visitorId: click.visitorId,
      clickedAt: click.clickedAt,
      matchedBy: "click_id",
    });
  });

  it("respects the window: 29 days counts, 31 does not, a wider window does; the boundary is inclusive", async () => {
    const link = await createReferralLink();
    const old = await insertClick(link.db, link, daysBefore(31));
    expect(await find(link, { clickId: old.id })).toBeNull();
    expect(await find(link, { clickId: old.id, windowDays: 45 })).toMatchObject({ clickId: old.id });
    expect(await find(link)).toBeNull();

    const edge = await insertClick(link.db, link, daysBefore(CLICK_WINDOW_DAYS));
    expect(await find(link, { clickId: edge.id })).toMatchObject({ clickId: edge.id });
    const recent = await insertClick(link.db, link, daysBefore(29));
    expect(await find(link, { clickId: recent.id })).toMatchObject({ clickId: recent.id, matchedBy: "click_id" });
  });

  it("a click after the order never counts; one at the order's instant does", async () => {
    const link = await createReferralLink();
    const after = await insertClick(link.db, link, new Date(ORDER_AT.getTime() + 1000));
    expect(await find(link, { clickId: after.id })).toBeNull();
    expect(await find(link)).toBeNull();
    const same = await insertClick(link.db, link, ORDER_AT);
    expect(await find(link, { clickId: same.id })).toMatchObject({ clickId: same.id });
  });

  it("without a usable click id: the link's latest click in the window", async () => {
    const link = await createReferralLink();
    const other = await createReferralLink({ sameBrandAs: link });
    await insertClick(link.db, link, daysBefore(10));
    const latest = await insertClick(link.db, link, daysBefore(1));
    await insertClick(link.db, link, new Date(ORDER_AT.getTime() + DAY)); // after the order
    const otherLinksClick = await insertClick(link.db, other, daysBefore(0.5));

    expect(await find(link)).toMatchObject({ clickId: latest.id, matchedBy: "latest_click" });
    expect(await find(link, { clickId: "clk_doesnotexist" })).toMatchObject({ clickId: latest.id, matchedBy: "latest_click" });
    // Another link's click id does not move the order to that link, nor away from this one.
    expect(await find(link, { clickId: otherLinksClick.id })).toMatchObject({ clickId: latest.id, enrollmentId: link.enrollment.id });
  });

  it("a click id of this link outside the window is not replaced by another visit", async () => {
    const link = await createReferralLink();
    const old = await insertClick(link.db, link, daysBefore(40));
    await insertClick(link.db, link, daysBefore(1));
    expect(await find(link, { clickId: old.id })).toBeNull();
  });

  it("is scoped by workspace: another workspace's slug or click is null", async () => {
    const a = await createReferralLink();
    const b = await createReferralLink();
    const clickB = await insertClick(b.db, b, daysBefore(1));
    await insertClick(a.db, a, daysBefore(1));
    expect(await find(a, { slug: b.slug })).toBeNull();
    expect(await find(a, { slug: b.slug, clickId: clickB.id })).toBeNull();
    expect(await find(b)).toMatchObject({ clickId: clickB.id, workspaceId: b.brand.workspace.id });
  });

  it("unknown slugs and nonsense input are null", async () => {
    const link = await createReferralLink();
    await insertClick(link.db, link, daysBefore(1));
    expect(await find(link, { slug: "nobody-here" })).toBeNull();
    expect(await find(link, { slug: "" })).toBeNull();
    expect(await find(link, { windowDays: 0 })).toBeNull();
    expect(await find(link, { orderCreatedAt: new Date("nope") })).toBeNull();
  });
});
