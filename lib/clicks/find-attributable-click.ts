import { and, desc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clicks, enrollments } from "@/db/schema";
import { isPlausibleSlug } from "./resolve-referral-link";

export type AttributableClick = {
  clickId: string;
  workspaceId: string;
  campaignId: string;
  enrollmentId: string;
  creatorId: string;
  visitorId: string;
  clickedAt: Date;
  /** `click_id`: the order named this click (`tally_click`); `latest_click`: the link's latest click in the window. */
  matchedBy: "click_id" | "latest_click";
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The columns an attributable click is read with (by link and window here, by id from a cart token). */
export const attributableClickColumns = {
  clickId: clicks.id,
  workspaceId: clicks.workspaceId,
  campaignId: clicks.campaignId,
  enrollmentId: clicks.enrollmentId,
  creatorId: clicks.creatorId,
  visitorId: clicks.visitorId,
  clickedAt: clicks.clickedAt,
};

/**
 * The click an order's `?ref={slug}` (and `tally_click={clickId}`) points to, if it counts: a click
 * on that link, in that workspace, at or before the order and no more than `windowDays` before it.
 *
 * - With a `clickId` that is a click of this link: that click, or null when it falls outside the
 *   window — the order is known to come from that visit, so no other visit stands in for it.
 * - Without one, or with one that is not a click of this link (truncated, tampered, or from a visit
 *   that was not recorded): the link's latest click in the window, or null.
 *
 * Whether the campaign and enrollment still count at the order's time is the attribution engine's
 * call (see `campaignActiveAt`); this only finds the click.
 */
export async function findAttributableClick(
  db: Db,
  input: { workspaceId: string; slug: string; clickId?: string | null; orderCreatedAt: Date; windowDays: number },
): Promise<AttributableClick | null> {
  const slug = input.slug.trim();
  if (!isPlausibleSlug(slug) || !(input.windowDays > 0) || Number.isNaN(input.orderCreatedAt.getTime())) return null;
  const [enrollment] = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, input.workspaceId), eq(enrollments.referralSlug, slug)))
    .limit(1);
  if (!enrollment) return null;

  const windowStart = new Date(input.orderCreatedAt.getTime() - input.windowDays * DAY_MS);
  const selection = attributableClickColumns;
  const ofThisLink = and(eq(clicks.workspaceId, input.workspaceId), eq(clicks.enrollmentId, enrollment.id));

  if (input.clickId) {
    const [named] = await db
      .select(selection)
      .from(clicks)
      .where(and(ofThisLink, eq(clicks.id, input.clickId)))
      .limit(1);
    if (named) {
      const inWindow = named.clickedAt <= input.orderCreatedAt && named.clickedAt >= windowStart;
      return inWindow ? { ...named, matchedBy: "click_id" } : null;
    }
  }

  const [latest] = await db
    .select(selection)
    .from(clicks)
    .where(and(ofThisLink, lte(clicks.clickedAt, input.orderCreatedAt), gte(clicks.clickedAt, windowStart)))
    .orderBy(desc(clicks.clickedAt))
    .limit(1);
  return latest ? { ...latest, matchedBy: "latest_click" } : null;
}
