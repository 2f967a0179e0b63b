"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { brandAction } from "@/lib/api/actions";
import { AppError } from "@/lib/errors";
import { toMinorUnits } from "@/lib/money";
import { cancelPayout, failPayoutItem, markPayoutPaid, startPayoutProcessing } from "@/lib/payouts/change-payout";
import { enqueue } from "@/lib/jobs/enqueue";
import { payoutRunJob } from "@/lib/payouts/payout-run-job";
import { startPayoutRun } from "@/lib/payouts/payout-runs";
import { HOLD_DAYS_MAX, updatePayoutHoldDays } from "@/lib/payouts/update-payout-settings";

const ZNewPayoutForm = z.object({
  currency: z.string().trim().toUpperCase().length(3, "Pick a currency."),
  /** datetime-local, read as UTC; empty = now */
  cutoff: z.string().trim().optional(),
  /** major units, e.g. "25.00"; empty = 0 */
  minimum: z.string().trim().optional(),
});

export const createPayoutAction = brandAction(
  ZNewPayoutForm,
  async (input, { db, user, access }) => {
    let minimum = 0;
    if (input.minimum) {
      try {
        minimum = toMinorUnits(input.minimum, input.currency);
      } catch {
        throw new AppError("validation_failed", "The minimum is not an amount.", { fields: { minimum: ["Enter an amount such as 25.00."] } });
      }
    }
    let cutoff: Date | undefined;
    if (input.cutoff) {
      cutoff = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(input.cutoff) ? input.cutoff : `${input.cutoff}Z`);
      if (Number.isNaN(cutoff.getTime())) throw new AppError("validation_failed", "The cutoff is not a date and time.", { fields: { cutoff: ["Enter a date and time."] } });
    }
    const run = await startPayoutRun(db, { workspaceId: access.workspace.id, currency: input.currency, cutoff, minimumAmountCents: minimum, actor: { kind: "user", id: user.id } }, (r) =>
      enqueue(payoutRunJob, { workspaceId: r.workspaceId, runId: r.id }),
    );
    return { runId: run.id };
  },
  { role: "admin" },
);

export const changePayoutAction = brandAction(
  z.object({ payoutId: z.string().min(1), op: z.enum(["processing", "paid", "cancel"]), reference: z.string().trim().max(200).optional() }),
  async (input, { db, user, access }) => {
    const args = { workspaceId: access.workspace.id, payoutId: input.payoutId, actor: { kind: "user" as const, id: user.id } };
    const p =
      input.op === "processing" ? await startPayoutProcessing(db, args) : input.op === "paid" ? await markPayoutPaid(db, { ...args, reference: input.reference || null }) : await cancelPayout(db, args);
    revalidatePath(`/brand/${access.workspace.slug}/payouts/${p.id}`);
    return { status: p.status as string };
  },
  { role: "admin" },
);

export const failPayoutItemAction = brandAction(
  z.object({ payoutId: z.string().min(1), itemId: z.string().min(1), reason: z.string().trim().min(1, "Say why it failed.").max(500) }),
  async (input, { db, user, access }) => {
    const item = await failPayoutItem(db, { workspaceId: access.workspace.id, payoutId: input.payoutId, itemId: input.itemId, reason: input.reason, actor: { kind: "user", id: user.id } });
    revalidatePath(`/brand/${access.workspace.slug}/payouts/${input.payoutId}`);
    return { status: item.status as string };
  },
  { role: "admin" },
);

export const updatePayoutHoldAction = brandAction(
  // An empty field is a missing answer, not 0 days (z.coerce would read "" as 0).
  z.object({ hold_days: z.string().trim().min(1, "Enter a number of days.").pipe(z.coerce.number({ invalid_type_error: "Enter a number of days." }).int("Whole days only.").min(0, "0 or more.").max(HOLD_DAYS_MAX, `At most ${HOLD_DAYS_MAX} days.`)) }),
  async (input, { db, user, access }) => {
    const w = await updatePayoutHoldDays(db, { workspaceId: access.workspace.id, holdDays: input.hold_days, actor: { kind: "user", id: user.id } });
    revalidatePath(`/brand/${access.workspace.slug}/settings`);
    return { holdDays: w.payoutHoldDays };
  },
  { role: "admin" },
);
