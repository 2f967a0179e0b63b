import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clicks } from "@/db/schema";
import { verifyClickToken } from "./click-token";
import { attributableClickColumns, findAttributableClick, type AttributableClick } from "./find-attributable-click";

export type OrderClickSource = "cart_attribute" | "landing_site";
export type IgnoredOrderClick = { source: OrderClickSource; reason: "tampered" | "unknown" | "other_workspace" };

/** What an order carries about a referral click (see `referralOf` in lib/attribution). */
export type OrderReferral = {
  /** `_tally_click` from the order's note attributes (the cart attributes the storefront embed wrote). */
  cartToken: string | null;
  /** `?ref=` of the landing site (or a `ref` note attribute). */
  slug: string | null;
  /** `?tally_click=` of the landing site. */
  landingToken: string | null;
};

export type OrderClick = {
  click: (AttributableClick & { source: OrderClickSource }) | null;
  ignored: IgnoredOrderClick[];
};

async function byId(db: Db, workspaceId: string, clickId: string, source: OrderClickSource): Promise<OrderClick["click"] | IgnoredOrderClick> {
  const [row] = await db
    .select(attributableClickColumns)
    .from(clicks)
    .where(eq(clicks.id, clickId))
    .limit(1);
  if (!row) return { source, reason: "unknown" };
  if (row.workspaceId !== workspaceId) return { source, reason: "other_workspace" };
  return { ...row, matchedBy: "click_id", source };
}

const isIgnored = (v: OrderClick["click"] | IgnoredOrderClick): v is IgnoredOrderClick => v !== null && "reason" in v;

/**
 * The click an order is credited by, if any, and the click ids it carried that were ignored:
 *
 * 1. `_tally_click` in the cart attributes first. A token whose signature holds names its click, which
 *    is used whatever its age (the attribution rules then check the click window against the click's
 *    own time and say so). A tampered or unsigned token, a click Tally does not know, or a click on
 *    another workspace's link is ignored, with that reason, and the landing site is tried next.
 * 2. Then the landing site: `?ref={slug}` with its `tally_click` (signed, or a bare id from links
 *    followed before tokens were signed), through `findAttributableClick` (the click window applies);
 *    a landing site with a signed `tally_click` and no `ref` is looked up by id as in 1.
 */
export async function resolveOrderClick(
  db: Db,
  input: { workspaceId: string; referral: OrderReferral; orderCreatedAt: Date; windowDays: number },
): Promise<OrderClick> {
  const ignored: IgnoredOrderClick[] = [];
  const { referral } = input;

  if (referral.cartToken) {
    const check = verifyClickToken(referral.cartToken);
    if (check.kind === "valid") {
      const found = await byId(db, input.workspaceId, check.clickId, "cart_attribute");
      if (isIgnored(found)) ignored.push(found);
      else if (found) return { click: found, ignored };
    } else {
      ignored.push({ source: "cart_attribute", reason: "tampered" });
    }
  }

  const landing = referral.landingToken ? verifyClickToken(referral.landingToken) : null;
  let landingClickId: string | null = null;
  if (landing?.kind === "valid" || landing?.kind === "unsigned") landingClickId = landing.clickId;
  else if (landing) ignored.push({ source: "landing_site", reason: "tampered" });

  if (referral.slug) {
    const found = await findAttributableClick(db, {
      workspaceId: input.workspaceId,
      slug: referral.slug,
      clickId: landingClickId,
      orderCreatedAt: input.orderCreatedAt,
      windowDays: input.windowDays,
    });
    return { click: found ? { ...found, source: "landing_site" } : null, ignored };
  }
  if (landing?.kind === "valid") {
    const found = await byId(db, input.workspaceId, landing.clickId, "landing_site");
    if (isIgnored(found)) ignored.push(found);
    else if (found) return { click: found, ignored };
  }
  return { click: null, ignored };
}
