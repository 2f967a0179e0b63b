import { deactivateCampaignCodes, pushCampaignCodes, syncCampaignCodeEnds } from "./campaign-jobs";
import { deliverEvent, notifyFromEventsCron, sweepEventDeliveriesCron } from "./deliver-events";
import { endCampaign, endDueCampaignsCron } from "./end-campaign";
import { foldDashboardDaysCron } from "./fold-dashboard-days";
import { payoutRun } from "./payout-run";
import { processShopifyDelivery } from "./process-shopify-delivery";
import { sendEmail } from "./send-email";
import { sweepShopifyDeliveries } from "./sweep-shopify-deliveries";
import { conversionReview } from "./review-jobs";
import { reconcileWorkspacesDaily, resumeSyncRuns, syncRun } from "./sync-jobs";

/** Every Inngest function Tally serves at /api/inngest. */
export const functions = [
  sendEmail,
  processShopifyDelivery,
  sweepShopifyDeliveries,
  pushCampaignCodes,
  deactivateCampaignCodes,
  syncCampaignCodeEnds,
  endCampaign,
  endDueCampaignsCron,
  syncRun,
  reconcileWorkspacesDaily,
  resumeSyncRuns,
  foldDashboardDaysCron,
  payoutRun,
  conversionReview,
  deliverEvent,
  sweepEventDeliveriesCron,
  notifyFromEventsCron,
];
