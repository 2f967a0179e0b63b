import { deactivateCodesJob } from "@/lib/campaigns/deactivate-codes-job";
import { pushCampaignCodesJob } from "@/lib/campaigns/push-campaign-codes-job";
import { syncCodeEndsJob } from "@/lib/campaigns/sync-code-ends-job";
import { createJobFunction } from "../create-job-function";

export const pushCampaignCodes = createJobFunction(pushCampaignCodesJob);
export const deactivateCampaignCodes = createJobFunction(deactivateCodesJob);
export const syncCampaignCodeEnds = createJobFunction(syncCodeEndsJob);
