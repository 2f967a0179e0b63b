"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { brandAction } from "@/lib/api/actions";
import { ZConversionQueueQuery, QUEUE_FILTER_KEYS } from "@/lib/attribution/conversion-filters";
import { validationError } from "@/lib/errors";
import { reviewRunProgress } from "@/lib/reviews/get-review-run";
import { reviewConversions } from "@/lib/reviews/review-conversions";
import { MAX_PICKED, ZReviewDecision, ZReviewReason } from "@/lib/reviews/start-conversion-review";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";

const ZReviewForm = z.object({
  decision: ZReviewDecision,
  reason: ZReviewReason.optional(),
  /** Hand-picked conversion ids, comma-separated. */
  ids: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.string().max(100)).max(MAX_PICKED, `Select at most ${MAX_PICKED} conversions by hand, or choose all matching.`).optional()),
  /** "All matching": the queue's filters as a query string. */
  matching: z.string().max(2000).optional(),
});

/** Approve or deny the selected conversions (or all matching the filters), with a reason. */
export const reviewConversionsAction = brandAction(
  ZReviewForm,
  async (input, { db, user, access }) => {
    let matching;
    if (input.matching !== undefined) {
      const params = new URLSearchParams(input.matching.replace(/^\?/, ""));
      const parsed = ZConversionQueueQuery.safeParse(Object.fromEntries(QUEUE_FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])));
      if (!parsed.success) throw validationError(parsed.error.issues);
      matching = parsed.data;
    }
    const shop = await getConnectedShop(db, access.workspace.id);
    const run = await reviewConversions(db, {
      workspaceId: access.workspace.id,
      actor: { kind: "user", id: user.id },
      decision: input.decision,
      reason: input.reason,
      conversionIds: matching ? undefined : input.ids,
      matching,
      timeZone: shop?.ianaTimezone ?? "UTC",
    });
    revalidatePath(`/brand/${access.workspace.slug}/conversions`);
    return reviewRunProgress(db, { workspaceId: access.workspace.id, run, withSkipped: true });
  },
  { role: "admin" },
);
