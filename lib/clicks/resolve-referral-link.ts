import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, discountCodes, enrollments, shops, workspaces } from "@/db/schema";
import { allowHttpLandingUrls, safeLandingUrl } from "@/lib/campaigns/landing-url";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import { CLICK_PARAM, REF_PARAM } from "./constants";

/** What a click is recorded against. */
export type ReferralLink = {
  slug: string;
  workspaceId: string;
  campaignId: string;
  enrollmentId: string;
  creatorId: string;
};

export type InactiveReason = "removed" | "campaign_deleted" | "campaign_scheduled" | "campaign_ended";

export type ResolvedReferralLink =
  | { kind: "not_found" }
  /** The link exists but does not count now: send the visitor to the store, without `ref`. */
  | { kind: "inactive"; reason: InactiveReason; storeUrl: string }
  /**
   * `landingUrl`: the campaign's landing page, or the store's home page; without Tally's parameters yet.
   * `applyCode`: the creator's live code when the campaign applies codes from links (else null).
   */
  | { kind: "active"; link: ReferralLink; landingUrl: string; storeUrl: string; applyCode: string | null };

/**
 * Slugs are short lower-case words (`casey-3f9a`); anything that cannot be one (a NUL, a slash,
 * spaces, 200+ characters) is not looked up: it is an invalid link, not a database error.
 */
export const isPlausibleSlug = (slug: string) => /^[A-Za-z0-9_-]{1,200}$/.test(slug);

const storeHome = (domain: string) => `https://${domain}/`;

/**
 * The campaign's landing URL when it still passes the landing rules (https, on the store's or the
 * brand's declared domains; checked again here, at every click), else the store's home page.
 */
export function landingBase(landingUrl: string | null, shopDomain: string, declaredDomains: readonly string[] = []): string {
  return safeLandingUrl(landingUrl, { shopDomain, declaredDomains, allowHttp: allowHttpLandingUrls() }) ?? storeHome(shopDomain);
}

/**
 * The landing URL with `ref={slug}` (and `tally_click={signed click token}` when a click was recorded) added to
 * its query. The existing query is kept as it was written (not re-encoded); an existing `ref` or
 * `tally_click` is replaced so that the order's `landing_site` carries exactly one of each.
 */
export function referralDestination(base: string, params: { slug: string; clickToken: string | null }): string {
  const url = new URL(base);
  const ours = new Set([REF_PARAM, CLICK_PARAM]);
  const kept = url.search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => {
      if (!pair) return false;
      const rawKey = pair.split("=", 1)[0]!;
      let key = rawKey;
      try {
        key = decodeURIComponent(rawKey.replace(/\+/g, " "));
      } catch {
        /* keep malformed pairs untouched */
      }
      return !ours.has(key);
    });
  kept.push(`${REF_PARAM}=${encodeURIComponent(params.slug)}`);
  if (params.clickToken) kept.push(`${CLICK_PARAM}=${encodeURIComponent(params.clickToken)}`);
  url.search = `?${kept.join("&")}`;
  return url.toString();
}

/**
 * Shopify's shareable discount URL: `{store}/discount/{CODE}?redirect={path}` puts the code in the
 * shopper's session (applied at checkout) and sends them on to `path` on the same store. The store is
 * the landing page's origin (the shop's own domain or one of the brand's declared storefront domains).
 */
export function shareableDiscountUrl(destination: string, code: string): string {
  const url = new URL(destination);
  const path = `${url.pathname}${url.search}${url.hash}`;
  return `${url.origin}/discount/${encodeURIComponent(code)}?redirect=${encodeURIComponent(path)}`;
}

/** The enrollment's code when Shopify has it live (pushed, not deactivated), else null. */
async function liveCodeOf(db: Db, enrollmentId: string): Promise<string | null> {
  const [code] = await db
    .select({ code: discountCodes.code })
    .from(discountCodes)
    .where(and(eq(discountCodes.enrollmentId, enrollmentId), eq(discountCodes.status, "active"), isNull(discountCodes.deactivatedAt)))
    .orderBy(desc(discountCodes.createdAt))
    .limit(1);
  return code?.code ?? null;
}

async function findBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      enrollmentId: enrollments.id,
      slug: enrollments.referralSlug,
      workspaceId: enrollments.workspaceId,
      creatorId: enrollments.creatorId,
      enrollmentStatus: enrollments.status,
      campaignId: campaigns.id,
      startsAt: campaigns.startsAt,
      endsAt: campaigns.endsAt,
      endedAt: campaigns.endedAt,
      deletedAt: campaigns.deletedAt,
      landingUrl: campaigns.landingUrl,
      applyCodeFromLinks: campaigns.applyCodeFromLinks,
      shopDomain: shops.domain,
      declaredDomains: workspaces.declaredDomains,
    })
    .from(enrollments)
    .innerJoin(campaigns, eq(campaigns.id, enrollments.campaignId))
    .innerJoin(shops, eq(shops.id, campaigns.shopId))
    .innerJoin(workspaces, eq(workspaces.id, enrollments.workspaceId))
    .where(eq(enrollments.referralSlug, slug))
    .limit(1);
  return row;
}

/**
 * A referral slug → its enrollment, campaign and shop (one query on the unique slug index).
 * Slugs are issued in lower case; a link retyped with capitals is tried again in lower case.
 * Inactive: the creator was removed, or the campaign is deleted, not started yet, or ended.
 */
export async function resolveReferralLink(db: Db, input: { slug: string; now?: Date }): Promise<ResolvedReferralLink> {
  const slug = input.slug.trim();
  if (!isPlausibleSlug(slug)) return { kind: "not_found" };
  let row = await findBySlug(db, slug);
  if (!row && slug !== slug.toLowerCase()) row = await findBySlug(db, slug.toLowerCase());
  if (!row) return { kind: "not_found" };

  const storeUrl = storeHome(row.shopDomain);
  const inactive = (reason: InactiveReason): ResolvedReferralLink => ({ kind: "inactive", reason, storeUrl });
  if (row.enrollmentStatus !== "active") return inactive("removed");
  if (row.deletedAt) return inactive("campaign_deleted");
  const status = campaignStatus(row, input.now ?? new Date());
  if (status === "scheduled") return inactive("campaign_scheduled");
  if (status === "ended") return inactive("campaign_ended");

  return {
    kind: "active",
    applyCode: row.applyCodeFromLinks ? await liveCodeOf(db, row.enrollmentId) : null,
    link: {
      slug: row.slug,
      workspaceId: row.workspaceId,
      campaignId: row.campaignId,
      enrollmentId: row.enrollmentId,
      creatorId: row.creatorId,
    },
    landingUrl: landingBase(row.landingUrl, row.shopDomain, row.declaredDomains),
    storeUrl,
  };
}
