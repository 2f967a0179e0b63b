import { campaigns } from "@/db/schema";

/** What a campaign offers and when (dates, discount, commission, currency): the columns both portals list campaigns with. */
export const campaignTermsColumns = {
  startsAt: campaigns.startsAt,
  endsAt: campaigns.endsAt,
  endedAt: campaigns.endedAt,
  discountType: campaigns.discountType,
  discountValue: campaigns.discountValue,
  commissionRateBps: campaigns.commissionRateBps,
  currency: campaigns.currency,
};
