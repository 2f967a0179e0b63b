import { and, count, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, conversions, creators, discountCodes, enrollments, orders, workspaces } from "@/db/schema";
import { resolveOrderClick, type OrderReferral } from "@/lib/clicks/resolve-order-click";
import { CLICK_PARAM, REF_PARAM } from "@/lib/clicks/constants";
import { commissionableLines } from "./commissionable-order";
import { normalizeCheckoutCode } from "./normalize";
import { customerKind } from "@/lib/commission-rules/customer-kind";
import { readStoredPlan } from "@/lib/commission-rules/schema";
import type { AttributionInput, AttributionSettings, ClickFact, CodeFact } from "./types";

type OrderRow = typeof orders.$inferSelect;

/** The attribute the storefront app embed writes into the cart (and Shopify copies to `note_attributes`). */
export const CART_CLICK_ATTRIBUTE = "_tally_click";

/**
 * The referral the order carries: `_tally_click` in its note attributes (the cart attributes); `?ref=`
 * and `tally_click` in its landing site, else `ref` / `tally_ref` note attributes for the slug.
 */
export function referralOf(order: Pick<OrderRow, "landingSite" | "noteAttributes">): OrderReferral {
  let slug: string | null = null;
  let landingToken: string | null = null;
  let cartToken: string | null = null;
  if (order.landingSite) {
    try {
      const url = new URL(order.landingSite, "https://store.invalid");
      slug = url.searchParams.get(REF_PARAM);
      landingToken = url.searchParams.get(CLICK_PARAM);
    } catch {
      /* not a URL: no referral */
    }
  }
  for (const note of order.noteAttributes) {
    const name = note.name.trim().toLowerCase();
    const value = typeof note.value === "string" ? note.value.trim() : "";
    if (!value) continue;
    if (!cartToken && (name === CART_CLICK_ATTRIBUTE || name === CLICK_PARAM)) cartToken = value;
    if (!slug && (name === REF_PARAM || name === "tally_ref")) slug = value;
  }
  return { cartToken, slug, landingToken };
}

export function settingsOf(w: typeof workspaces.$inferSelect): AttributionSettings {
  return { tieBreak: w.tieBreakRule, selfReferral: w.selfReferralMode, clickWindowDays: w.clickWindowDays, newCreatorFlagDays: w.newCreatorFlagDays };
}

/** Everything the rule function needs about one order, read with a handful of indexed queries. */
export async function gatherAttributionFacts(db: Db, order: OrderRow): Promise<AttributionInput> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, order.workspaceId));
  const settings = settingsOf(workspace!);
  const typed = [...new Set(order.discountCodes.map(normalizeCheckoutCode).filter(Boolean))];
  const codeRows = typed.length
    ? await db
        .select({ code: discountCodes, enrollment: enrollments, campaign: campaigns, creator: creators })
        .from(discountCodes)
        .innerJoin(enrollments, eq(enrollments.id, discountCodes.enrollmentId))
        .innerJoin(campaigns, eq(campaigns.id, discountCodes.campaignId))
        .innerJoin(creators, eq(creators.id, discountCodes.creatorId))
        .where(and(eq(discountCodes.workspaceId, order.workspaceId), eq(discountCodes.shopId, order.shopId), inArray(discountCodes.code, typed)))
    : [];
  const codes: CodeFact[] = codeRows.map(({ code, enrollment, campaign, creator }) => ({
    codeId: code.id,
    code: code.code,
    creatorId: creator.id,
    creatorName: creator.fullName,
    creatorEmail: creator.email,
    campaignId: campaign.id,
    campaignName: campaign.name,
    enrollmentId: enrollment.id,
    assignedAt: code.createdAt,
    deactivatedAt: code.deactivatedAt,
    enrollmentJoinedAt: enrollment.joinedAt,
    enrollmentRemovedAt: enrollment.removedAt,
    campaign: { startsAt: campaign.startsAt, endsAt: campaign.endsAt, endedAt: campaign.endedAt ?? campaign.deletedAt },
    commissionRateBps: campaign.commissionRateBps,
    creatorRateBps: enrollment.commissionRateBps,
    commissionPlan: campaign.commissionRules ? readStoredPlan(campaign.commissionRules) : null,
  }));

  let click: ClickFact | null = null;
  const resolved = await resolveOrderClick(db, {
    workspaceId: order.workspaceId,
    referral: referralOf(order),
    orderCreatedAt: order.shopifyCreatedAt,
    windowDays: settings.clickWindowDays,
  });
  const found = resolved.click;
  if (found) {
    const [row] = await db
      .select({ enrollment: enrollments, campaign: campaigns, creator: creators })
      .from(enrollments)
      .innerJoin(campaigns, eq(campaigns.id, enrollments.campaignId))
      .innerJoin(creators, eq(creators.id, enrollments.creatorId))
      .where(and(eq(enrollments.workspaceId, order.workspaceId), eq(enrollments.id, found.enrollmentId)));
    if (row) {
      click = {
        clickId: found.clickId,
        clickedAt: found.clickedAt,
        source: found.source,
        matchedBy: found.matchedBy,
        creatorId: row.creator.id,
        creatorName: row.creator.fullName,
        creatorEmail: row.creator.email,
        campaignId: row.campaign.id,
        campaignName: row.campaign.name,
        enrollmentId: row.enrollment.id,
        enrollmentJoinedAt: row.enrollment.joinedAt,
        enrollmentRemovedAt: row.enrollment.removedAt,
        campaign: { startsAt: row.campaign.startsAt, endsAt: row.campaign.endsAt, endedAt: row.campaign.endedAt ?? row.campaign.deletedAt },
        commissionRateBps: row.campaign.commissionRateBps,
        creatorRateBps: row.enrollment.commissionRateBps,
        commissionPlan: row.campaign.commissionRules ? readStoredPlan(row.campaign.commissionRules) : null,
      };
    }
  }

  const creatorIds = [...new Set([...codes.map((c) => c.creatorId), ...(click ? [click.creatorId] : [])])];
  // Only the new-creator flag needs a creator's prior orders: skip the count when it is off.
  const prior = creatorIds.length && settings.newCreatorFlagDays !== null
    ? await db
        .select({ creatorId: conversions.creatorId, n: count() })
        .from(conversions)
        .where(and(eq(conversions.workspaceId, order.workspaceId), inArray(conversions.creatorId, creatorIds), lt(conversions.orderCreatedAt, order.shopifyCreatedAt)))
        .groupBy(conversions.creatorId)
    : [];

  // New vs returning customer: only read when a candidate campaign has a rule about it.
  const plans = [...codes.map((c) => c.commissionPlan), click?.commissionPlan];
  const customer = plans.some((p) => p?.rules.some((r) => r.customer !== "any")) ? await customerKind(db, order) : "unknown";

  return {
    customer,
    order: {
      createdAt: order.shopifyCreatedAt,
      currency: order.currency,
      subtotalCents: order.subtotalCents,
      lineItemsTaxCents: order.lineItemsTaxCents,
      taxesIncluded: order.taxesIncluded,
      lines: await commissionableLines(db, order),
      test: order.test,
      financialStatus: order.financialStatus,
      checkoutCodes: order.discountCodes,
      email: order.email,
      shopifyCustomerId: order.shopifyCustomerId,
    },
    codes,
    click,
    ...(resolved.ignored.length ? { ignoredClicks: resolved.ignored } : {}),
    settings,
    creatorPriorOrders: Object.fromEntries(prior.map((p) => [p.creatorId, p.n])),
  };
}

