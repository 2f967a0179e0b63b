import { payoutRunJob } from "@/lib/payouts/payout-run-job";
import { createJobFunction } from "../create-job-function";

export const payoutRun = createJobFunction(payoutRunJob);
