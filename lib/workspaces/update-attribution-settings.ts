import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";

export const ZAttributionSettings = z.object({
  tie_break: z.enum(["first_listed", "oldest_assigned"]),
  self_referral: z.enum(["deny", "flag"]),
  click_window_days: z.coerce.number().int("Whole days.").min(1, "At least 1 day.").max(90, "At most 90 days."),
  new_creator_flag_days: z
    .union([z.literal(""), z.coerce.number().int("Whole days.").min(1, "At least 1 day.").max(365, "At most 365 days.")])
    .transform((v) => (v === "" ? null : v)),
});

/** Changes how orders are attributed from now on (past conversions keep the settings they were decided with). */
export async function updateAttributionSettings(db: Db, input: { workspaceId: string; userId: string; settings: z.infer<typeof ZAttributionSettings> }) {
  const s = input.settings;
  const [before] = await db.select().from(workspaces).where(eq(workspaces.id, input.workspaceId));
  await db
    .update(workspaces)
    .set({ tieBreakRule: s.tie_break, selfReferralMode: s.self_referral, clickWindowDays: s.click_window_days, newCreatorFlagDays: s.new_creator_flag_days })
    .where(eq(workspaces.id, input.workspaceId));
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: { kind: "user", id: input.userId },
    action: "workspace.attribution_settings_changed",
    data: {
      from: { tie_break: before?.tieBreakRule, self_referral: before?.selfReferralMode, click_window_days: before?.clickWindowDays, new_creator_flag_days: before?.newCreatorFlagDays },
      to: s,
    },
  });
}
