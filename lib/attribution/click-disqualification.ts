import { campaignInactive } from "./campaign-inactive";
import type { NotCounted } from "./list-checkout-codes";
import type { ClickFact } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a click does not count for an order placed at `at`, or null when it does. */
export function clickDisqualification(click: ClickFact, at: Date, windowDays: number): NotCounted {
  const clickedAt = click.clickedAt.getTime();
  if (!(clickedAt <= at.getTime())) return { outcome: "outside_window", reason: { type: "click_after_order" } };
  if (!(clickedAt >= at.getTime() - windowDays * DAY_MS)) return { outcome: "outside_window", reason: { type: "click_too_old", windowDays } };
  const inactive = campaignInactive(click.campaign, at);
  if (inactive) return { outcome: "campaign_not_active", reason: inactive };
  if (click.enrollmentRemovedAt && click.enrollmentRemovedAt <= at) {
    return { outcome: "enrollment_removed", reason: { type: "enrollment_removed", at: click.enrollmentRemovedAt.toISOString() } };
  }
  return null;
}
