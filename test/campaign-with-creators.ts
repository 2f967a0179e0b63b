import type { Db } from "@/db/client";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { createTestBrand, uniq } from "@/test/factories";
import type { startSimulator } from "@/test/simulator";

type Env = Awaited<ReturnType<typeof startSimulator>>;
type Brand = { workspace: { id: string } };
export type CreatorRowInput = { email: string; full_name: string; code?: string | null };

/**
 * A campaign on the brand's workspace (10 % off, 15 % commission, started an hour ago, no end,
 * unless `campaign` says otherwise) with these creators added (none: an empty roster), their codes
 * pushed to the simulated store (background jobs drained).
 */
export async function campaignWithCreators(
  db: Db,
  brand: Brand,
  rows: CreatorRowInput[],
  campaign: { name?: string; startsAt?: string; endsAt?: string | null; rateBps?: number; discountPercent?: number } = {},
) {
  const created = await createCampaign(db, {
    workspaceId: brand.workspace.id,
    actor: { kind: "system" },
    campaign: ZCreateCampaign.parse({
      name: campaign.name ?? `Campaign ${uniq()}`,
      starts_at: campaign.startsAt ?? new Date(Date.now() - 3600_000).toISOString(),
      ends_at: campaign.endsAt ?? null,
      discount: { type: "percentage", value: campaign.discountPercent ?? 10 },
      commission_rate_bps: campaign.rateBps ?? 1500,
    }),
  });
  if (rows.length === 0) return { campaign: created, results: [] };
  const added = await addCreatorsToCampaign(db, {
    workspaceId: brand.workspace.id,
    campaignId: created.id,
    actor: { kind: "system" },
    invitedByUserId: null,
    rows: rows.map((r) => ({ email: r.email, full_name: r.full_name, code: r.code ?? null })),
  });
  await drainInProcessJobs();
  return { campaign: created, results: added.results };
}

/** The added creators, throwing on a row that was refused. */
export function addedCreators(results: Awaited<ReturnType<typeof campaignWithCreators>>["results"]) {
  return results.map((r) => {
    if (!r.ok) throw new Error(r.error.message);
    return r;
  });
}

/** A new brand with a connected simulated store (Plus unless asked: no throttling in the way). */
export async function brandWithStore(db: Db, env: Env, plan: "standard" | "plus" = "plus") {
  const brand = await createTestBrand(db);
  const shop = await env.connectStore(db, brand.workspace.id, { plan });
  return { brand, shop };
}
