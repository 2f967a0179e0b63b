import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { getCreatorForUser } from "@/lib/creators/get-creator-for-user";
import { getOrderDetailOrThrow } from "@/lib/orders/get-order-detail";
import { getPayoutOrThrow } from "@/lib/payouts/list-payouts";
import { getBrandAccessOrThrow, type MemberRole } from "@/lib/workspaces/get-brand-access";
import { getWebhookEndpointOrThrow } from "@/lib/webhook-endpoints/manage-endpoints";
import { getSessionUser } from "./session";

/**
 * Page guards (server components). They shape navigation: signed-out → sign-in, not yours → 404.
 * They are not the security boundary: every query below them is scoped by workspace or creator too.
 * Each runs once per request (React's `cache`): a layout and its page share the answer.
 */
export async function requireUser() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** `not_found` (and `forbidden`, which must not reveal that something exists) → the 404 page. */
export function notFoundOn(error: unknown): never {
  if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
  throw error;
}

export const requireBrand = cache(async (slug: string, role?: MemberRole) => {
  const user = await requireUser();
  const db = await getDb();
  const access = await getBrandAccessOrThrow(db, { userId: user.id, slug, role }).catch(notFoundOn);
  return { user, db, access };
});

/**
 * A record page's record, or the not-found page. Called from the record's own layout — above its
 * loading boundary, before anything streams — so that "not found" is HTTP 404, not a 200 page
 * showing the not-found screen (a boundary that has started streaming cannot change the status).
 */
export const requireCampaign = cache(async (slug: string, campaignId: string) => {
  const { db, access } = await requireBrand(slug);
  return getCampaignOrThrow(db, { workspaceId: access.workspace.id, campaignId }).catch(notFoundOn);
});

export const requireOrder = cache(async (slug: string, orderId: string) => {
  const { db, access } = await requireBrand(slug);
  return getOrderDetailOrThrow(db, { workspaceId: access.workspace.id, orderId }).catch(notFoundOn);
});

/** A payout of the brand's workspace (with its items), or HTTP 404. */
export const requirePayout = cache(async (slug: string, payoutId: string) => {
  const { db, access } = await requireBrand(slug);
  return getPayoutOrThrow(db, { workspaceId: access.workspace.id, payoutId }).catch(notFoundOn);
});

/** A webhook endpoint of the brand's workspace, or HTTP 404. */
export const requireWebhookEndpoint = cache(async (slug: string, endpointId: string) => {
  const { db, access } = await requireBrand(slug);
  return getWebhookEndpointOrThrow(db, { workspaceId: access.workspace.id, endpointId }).catch(notFoundOn);
});

export async function requireCreator() {
  const user = await requireUser();
  const db = await getDb();
  const creator = await getCreatorForUser(db, user.id);
  if (!creator) notFound();
  return { user, db, creator };
}
