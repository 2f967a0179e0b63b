import { z } from "zod";
import { isValidTimeZone, zonedTimeToUtc, ZonedTimeError } from "@/lib/campaigns/zoned-time";

/**
 * Form inputs of the sync panel's actions (components/sync/sync-panel.tsx), for the server actions
 * that call `startBackfill`, `startReconciliation`, `startReplay` and `resumeSyncRun`.
 */
export const ZStartBackfillForm = z.object({
  /** Empty: the whole store (last 90 days); else that campaign's period. */
  campaignId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null),
});

export const ZStartReconciliationForm = z.object({});

/** A window typed in the brand's zone (`datetime-local` inputs), as UTC instants. */
export const ZStartReplayForm = z
  .object({
    from: z.string().min(1, "Choose the start of the window."),
    to: z.string().min(1, "Choose the end of the window."),
    timezone: z.string().refine(isValidTimeZone, "Unknown time zone.").default("UTC"),
  })
  .transform((f, ctx) => {
    const at = (v: string, path: "from" | "to"): Date | null => {
      try {
        return zonedTimeToUtc(v, f.timezone);
      } catch (error) {
        if (!(error instanceof ZonedTimeError)) throw error;
        ctx.addIssue({ code: "custom", path: [path], message: error.message });
        return null;
      }
    };
    const from = at(f.from, "from");
    const to = at(f.to, "to");
    if (!from || !to) return z.NEVER;
    if (from >= to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end must be after the start." });
      return z.NEVER;
    }
    return { from, to };
  });

export const ZResumeSyncRunForm = z.object({ runId: z.string().min(1) });
