import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shops, workspaces } from "@/db/schema";
import { allowHttpLandingUrls, safeLandingUrl } from "./landing-url";

/**
 * Where a campaign's referral links land, as the campaign page shows it: the stored landing URL when
 * it still passes the landing rules, else the store's home page (what `/r/{slug}` does too).
 */
export async function getLandingPage(db: Db, campaign: { workspaceId: string; shopId: string; landingUrl: string | null }) {
  const [row] = await db
    .select({ domain: shops.domain, declaredDomains: workspaces.declaredDomains })
    .from(shops)
    .innerJoin(workspaces, eq(workspaces.id, shops.workspaceId))
    .where(and(eq(shops.id, campaign.shopId), eq(shops.workspaceId, campaign.workspaceId)))
    .limit(1);
  if (!row) return { url: null, storeHome: null, fallback: Boolean(campaign.landingUrl) };
  const url = safeLandingUrl(campaign.landingUrl, { shopDomain: row.domain, declaredDomains: row.declaredDomains, allowHttp: allowHttpLandingUrls() });
  return { url, storeHome: `https://${row.domain}/`, fallback: Boolean(campaign.landingUrl) && !url };
}
