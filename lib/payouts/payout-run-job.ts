import { z } from "zod";
import { getDb } from "@/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { performPayoutRun } from "./payout-runs";

/**
 * Creates the payout of a run started in the portal (lib/payouts/payout-runs.ts). One run per
 * workspace at a time; a retry of a run that already finished does nothing.
 */
export const payoutRunJob = defineJob({
  event: "tally/payout.run",
  id: "payout-run",
  schema: z.object({ workspaceId: z.string(), runId: z.string() }),
  concurrencyKey: (d) => d.workspaceId,
  dedupeKey: (d) => d.runId,
  retries: 1,
  run: async ({ runId }, step) => {
    await step.run("create-payout", async () => {
      const run = await performPayoutRun(await getDb(), runId);
      return { status: run?.status ?? "missing" };
    });
  },
});
