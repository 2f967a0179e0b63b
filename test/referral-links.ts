import { eq } from "drizzle-orm";
import { campaigns, creators, enrollments, workspaces } from "@/db/schema";
import { createTestBrand, uniq } from "@/test/factories";
import { insertShop } from "@/test/shopify";

type CampaignOverrides = Partial<Pick<typeof campaigns.$inferInsert, "startsAt" | "endsAt" | "endedAt" | "deletedAt" | "landingUrl">>;

/** A brand with a connected shop, a campaign (active unless overridden) and one enrolled creator. Tests only. */
export async function createReferralLink(
  opts: {
    campaign?: CampaignOverrides;
    status?: "active" | "removed";
    /** Another link's brand and shop, for a second campaign in the same workspace. */
    sameBrandAs?: { brand: Awaited<ReturnType<typeof createTestBrand>>; shop: Awaited<ReturnType<typeof insertShop>> };
  } = {},
) {
  const brand = opts.sameBrandAs?.brand ?? (await createTestBrand());
  const { db } = brand;
  const shop = opts.sameBrandAs?.shop ?? (await insertShop(db, brand.workspace.id));
  // The brand's own storefronts, where landing URLs in these tests point.
  await db.update(workspaces).set({ declaredDomains: ["glow.example", "example.com"] }).where(eq(workspaces.id, brand.workspace.id));
  const [campaign] = await db
    .insert(campaigns)
    .values({
      workspaceId: brand.workspace.id,
      shopId: shop.id,
      name: `Spring ${uniq()}`,
      startsAt: new Date(Date.now() - 24 * 60 * 60 * 1000),
      discountType: "percentage",
      discountValue: 1000,
      commissionRateBps: 1500,
      codeTemplate: "{NAME}10",
      currency: "USD",
      ...opts.campaign,
    })
    .returning();
  const [creator] = await db
    .insert(creators)
    .values({ email: `creator-${uniq()}@example.com`, fullName: "Casey Creator", handle: `casey${uniq()}` })
    .returning();
  const slug = `casey-${uniq()}`;
  const [enrollment] = await db
    .insert(enrollments)
    .values({
      workspaceId: brand.workspace.id,
      campaignId: campaign!.id,
      creatorId: creator!.id,
      referralSlug: slug,
      status: opts.status ?? "active",
      removedAt: opts.status === "removed" ? new Date() : null,
    })
    .returning();
  return { brand, db, shop, campaign: campaign!, creator: creator!, enrollment: enrollment!, slug };
}
