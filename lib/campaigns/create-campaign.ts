import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { getDeclaredDomains } from "@/lib/workspaces/declared-domains";
import { allowHttpLandingUrls, landingUrlProblem } from "./landing-url";
import { scheduleCampaignEnd } from "./schedule-campaign-end";
import type { TCreateCampaign } from "./schemas";

/** Creates a campaign on the workspace's connected store (its codes live there; its money is in the store's currency). */
export async function createCampaign(db: Db, input: { workspaceId: string; actor: Actor; campaign: TCreateCampaign }) {
  const shop = await getConnectedShop(db, input.workspaceId);
  if (!shop) {
    throw new AppError("conflict", "Connect your Shopify store first (Settings): campaign codes are created in it.", {
      reason: "no_store_connected",
    });
  }
  const c = input.campaign;
  if (c.landing_url) {
    const problem = landingUrlProblem(c.landing_url, {
      shopDomain: shop.domain,
      declaredDomains: await getDeclaredDomains(db, input.workspaceId),
      allowHttp: allowHttpLandingUrls(),
    });
    if (problem) throw new AppError("validation_failed", "Some fields are invalid.", { fields: { landing_url: [problem] } });
  }
  const [row] = await db
    .insert(campaigns)
    .values({
      workspaceId: input.workspaceId,
      shopId: shop.id,
      name: c.name,
      startsAt: c.starts_at,
      endsAt: c.ends_at ?? null,
      timezone: c.timezone,
      discountType: c.discount.type,
      discountValue: c.discount.type === "percentage" ? Math.round(c.discount.value * 100) : c.discount.value,
      commissionRateBps: c.commission_rate_bps,
      codeTemplate: c.code_template,
      currency: shop.currency ?? "USD",
      landingUrl: c.landing_url ?? null,
      applyCodeFromLinks: c.apply_code_from_links ?? true,
    })
    .returning();
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "campaign.created",
    targetType: "campaign",
    targetId: row!.id,
    data: { name: c.name },
  });
  await scheduleCampaignEnd(row!);
  return row!;
}
