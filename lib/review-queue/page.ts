import { notFound } from "next/navigation";
import type { Db } from "@/db/client";
import { notFoundOn } from "@/lib/auth/guards";
import { getCampaignOrThrow, listCampaigns } from "@/lib/campaigns/get-campaign";
import { isCreatorOfWorkspace } from "@/lib/creators/is-creator-of-workspace";
import { listWorkspaceCreators } from "@/lib/creators/list-workspace-creators";
import { AppError } from "@/lib/errors";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import type { QueueFilterKey } from "./query";

/** A queue page's search params, as Next.js hands them over. */
export type QueueSearchParams = Partial<Record<QueueFilterKey | "after", string | string[]>>;
export const firstParam = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * A queue page's URL names a campaign or creator by id: one of another workspace (or none) is a
 * 404, decided before anything streams.
 */
export async function notFoundUnlessQueueScope(db: Db, workspaceId: string, sp: QueueSearchParams): Promise<void> {
  const campaign = firstParam(sp.campaign);
  const creator = firstParam(sp.creator);
  const [, creatorKnown] = await Promise.all([
    campaign ? getCampaignOrThrow(db, { workspaceId, campaignId: campaign }).catch(notFoundOn) : null,
    creator ? isCreatorOfWorkspace(db, { workspaceId, creatorId: creator }) : true,
  ]);
  if (!creatorKnown) notFound();
}

/** What a queue's filter form offers, and the zone its dates are in (the shop's, else UTC). */
export async function queueFormContext(db: Db, workspaceId: string) {
  const [campaigns, creators, shop] = await Promise.all([listCampaigns(db, workspaceId), listWorkspaceCreators(db, workspaceId), getConnectedShop(db, workspaceId)]);
  return { campaigns, creators, timeZone: shop?.ianaTimezone ?? "UTC" };
}

/** The page's cursor: absent, decoded, or out of date (a link that no longer decodes says so). */
export function readQueueCursor<T>(sp: QueueSearchParams, decode: (cursor: string) => T): { after: T | undefined; cursorError: boolean } {
  const raw = firstParam(sp.after);
  if (!raw) return { after: undefined, cursorError: false };
  try {
    return { after: decode(raw), cursorError: false };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { after: undefined, cursorError: true };
  }
}
