import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, requiredRef, tstz, updatedAt } from "./columns";
import { creators } from "./creators";
import { shops } from "./shopify";
import { workspaces } from "./workspaces";

export const discountType = pgEnum("discount_type", ["percentage", "fixed_amount"]);

/**
 * A time-boxed programme: the customer's discount, the creator's commission, the code template.
 * Status is derived, never stored: ended (`ended_at` set or `ends_at` passed) / scheduled / active.
 * `end_version` moves whenever the end changes, so a sleeping end-of-campaign run knows it is stale.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: id("campaign"),
    workspaceId: belongsTo(() => workspaces.id),
    shopId: requiredRef(() => shops.id),
    name: text().notNull(),
    startsAt: tstz().notNull(),
    endsAt: tstz(),
    /** IANA zone the brand entered the dates in (display only; dates are stored in UTC). */
    timezone: text().notNull().default("UTC"),
    discountType: discountType().notNull(),
    /** percentage: basis points of the price (1000 = 10 %); fixed_amount: minor units of `currency`. */
    discountValue: integer().notNull(),
    commissionRateBps: integer().notNull(),
    codeTemplate: text().notNull(),
    currency: text().notNull(),
    /** Landing page for referral links; null → the store's home page. */
    landingUrl: text(),
    /**
     * "Apply the creator's code from links": `/r/{slug}` goes through the store's shareable discount
     * URL (`/discount/{CODE}?redirect=…`) so the creator's code is in the shopper's session. Default on.
     */
    applyCodeFromLinks: boolean().notNull().default(true),
    /**
     * Commission rules (lib/commission-rules): `{rules, capPerOrderCents, minOrderAmountCents}`, the
     * ordered per-line rules with the campaign rate as the fallback; null = the campaign rate on every line.
     */
    commissionRules: jsonb().$type<Record<string, unknown>>(),
    /** When the rules last changed ("Apply from now on"). */
    commissionRulesUpdatedAt: tstz(),
    endedAt: tstz(),
    endVersion: integer().notNull().default(0),
    deletedAt: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // campaigns list: WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC
    index("campaigns_workspace_created_idx").on(t.workspaceId, t.createdAt.desc()),
    // end-of-campaign sweep: campaigns past their end whose codes may still be live
    index("campaigns_ends_at_idx").on(t.endsAt).where(sql`deleted_at IS NULL`),
  ],
);

export const enrollmentStatus = pgEnum("enrollment_status", ["active", "removed"]);

/** A creator's place in a campaign: their code and their referral link. */
export const enrollments = pgTable(
  "enrollments",
  {
    id: id("enrollment"),
    workspaceId: belongsTo(() => workspaces.id),
    campaignId: belongsTo(() => campaigns.id),
    creatorId: belongsTo(() => creators.id),
    /** The referral link is APP_URL/r/{referral_slug}; unique for ever. */
    referralSlug: text().notNull(),
    status: enrollmentStatus().notNull().default("active"),
    joinedAt: tstz().notNull().defaultNow(),
    removedAt: tstz(),
    /** The creator's own rate on this campaign (basis points, 0–10 000), instead of the campaign's; null = the campaign's. */
    commissionRateBps: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // roster: WHERE workspace_id = $1 AND campaign_id = $2
    index("enrollments_workspace_campaign_idx").on(t.workspaceId, t.campaignId),
    // one active place per creator per campaign
    uniqueIndex("enrollments_campaign_creator_active_key").on(t.campaignId, t.creatorId).where(sql`status = 'active'`),
    // creator portal: the campaigns of one creator
    index("enrollments_creator_idx").on(t.creatorId),
    // referral link: WHERE referral_slug = $1
    uniqueIndex("enrollments_referral_slug_key").on(t.referralSlug),
    check("enrollments_commission_rate_bps_range", sql`commission_rate_bps IS NULL OR commission_rate_bps BETWEEN 0 AND 10000`),
  ],
);

export const codeStatus = pgEnum("code_status", ["pending", "active", "failed", "deactivated"]);

/**
 * A discount code: belongs to one creator in one shop for ever. Unique on (shop, code) over all
 * rows ever written — a deactivated code is never reissued to anyone else. `code` is stored
 * normalized (trimmed, upper case) so that matching is case-insensitive.
 * One Shopify discount per code (discountCodeBasicCreate): each can be ended, moved or deactivated
 * on its own, and a TAKEN on one never fails the others.
 */
export const discountCodes = pgTable(
  "discount_codes",
  {
    id: id("discountCode"),
    workspaceId: belongsTo(() => workspaces.id),
    shopId: requiredRef(() => shops.id),
    campaignId: belongsTo(() => campaigns.id),
    enrollmentId: belongsTo(() => enrollments.id),
    creatorId: belongsTo(() => creators.id),
    code: text().notNull(),
    status: codeStatus().notNull().default("pending"),
    /** Why the last push failed, in words a brand can act on. */
    failureReason: text(),
    shopifyDiscountId: text(),
    attempts: integer().notNull().default(0),
    /** Set when a person chose the code (not generated from the template). */
    manual: boolean().notNull().default(false),
    /** The `ends_at` Shopify currently has for this discount, to move it when the campaign's end moves. */
    shopifyEndsAt: tstz(),
    activatedAt: tstz(),
    deactivatedAt: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // uniqueness for ever, case-insensitive (code is stored upper-cased)
    uniqueIndex("discount_codes_shop_code_key").on(t.shopId, t.code),
    // attribution: WHERE workspace_id = $1 AND code = ANY($2)
    index("discount_codes_workspace_code_idx").on(t.workspaceId, t.code),
    // push progress and roster: WHERE campaign_id = $1 (status counts)
    index("discount_codes_campaign_status_idx").on(t.campaignId, t.status),
    index("discount_codes_enrollment_idx").on(t.enrollmentId),
  ],
);

/** A person's visit through a creator's referral link (bots and prefetchers are counted apart: skipped_link_visits). */
export const clicks = pgTable(
  "clicks",
  {
    id: id("click"),
    workspaceId: belongsTo(() => workspaces.id),
    campaignId: belongsTo(() => campaigns.id),
    enrollmentId: belongsTo(() => enrollments.id),
    creatorId: belongsTo(() => creators.id),
    /** The first-party visitor cookie's id, so repeat visits can be told apart from new ones. */
    visitorId: text().notNull(),
    /** SHA-256 of IP and user agent with a server-side key: no raw personal data is kept. */
    ipHash: text(),
    userAgentHash: text(),
    referrer: text(),
    /** The store path the visitor was sent to (no query), for "top landing pages". */
    landingPath: text(),
    clickedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    // attribution: the clicks of one enrollment before an order, newest first
    index("clicks_enrollment_clicked_idx").on(t.enrollmentId, t.clickedAt.desc()),
    // campaign dashboard: clicks per campaign over time
    index("clicks_workspace_campaign_clicked_idx").on(t.workspaceId, t.campaignId, t.clickedAt),
  ],
);


/**
 * Visits through a referral link that are not clicks — known bots, link-preview fetchers, prefetches,
 * HEAD requests, no user agent, over the per-address limit — counted apart per link, day (UTC) and
 * reason. One counter row per (link, day, reason), so that a flood of bots writes no new rows.
 */
export const skippedLinkVisits = pgTable(
  "skipped_link_visits",
  {
    workspaceId: belongsTo(() => workspaces.id),
    campaignId: belongsTo(() => campaigns.id),
    enrollmentId: belongsTo(() => enrollments.id),
    creatorId: belongsTo(() => creators.id),
    /** The UTC day of the visits. */
    day: date({ mode: "string" }).notNull(),
    /** `bot`, `prefetch`, `head`, `no_user_agent` or `rate_limited`. */
    reason: text().notNull(),
    visits: integer().notNull().default(0),
    lastAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.enrollmentId, t.day, t.reason] }),
    // click analytics: WHERE workspace_id = $1 AND campaign_id = $2 AND day BETWEEN …
    index("skipped_link_visits_campaign_day_idx").on(t.workspaceId, t.campaignId, t.day),
  ],
);
