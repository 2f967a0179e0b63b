"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { brandAction } from "@/lib/api/actions";
import { AppError, validationError } from "@/lib/errors";
import { addCreatorsToCampaign, type AddCreatorResult } from "@/lib/campaigns/add-creators";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { retryFailedCodes } from "@/lib/campaigns/list-roster";
import { removeCreatorFromCampaign } from "@/lib/campaigns/remove-creator";
import { ZAddCreatorForm, ZCampaignForm, ZCreateCampaign } from "@/lib/campaigns/schemas";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { zonedTimeToUtc, ZonedTimeError } from "@/lib/campaigns/zoned-time";
import { toMinorUnits } from "@/lib/money";
import { parseRosterCsv } from "@/lib/rosters/parse-roster-csv";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";

const ZCampaignRef = z.object({ campaignId: z.string().min(1) });

export const createCampaignAction = async (prev: ActionState<{ id: string }>, formData: FormData): Promise<ActionState<{ id: string }>> => {
  const result = await brandAction(
    ZCampaignForm,
    async (form, { db, user, access }) => {
      const shop = await getConnectedShop(db, access.workspace.id);
      const currency = shop?.currency ?? "USD";
      let discount = form.discount;
      if (discount.type === "fixed_amount") {
        try {
          discount = { type: "fixed_amount", value: toMinorUnits(form.discount_value_text.replace(",", "."), currency) };
        } catch {
          throw validationError([{ path: ["discount_value"], message: `Enter an amount in ${currency}, e.g. 5.00.` }]);
        }
      }
      // The form schema already checked every field at once; this is the API's own rule set, as a guard.
      const parsed = ZCreateCampaign.safeParse({ ...form, discount });
      if (!parsed.success) {
        const formField = (api: unknown) => (api === "discount" ? "discount_value" : api === "commission_rate_bps" ? "commission_percent" : String(api ?? "_"));
        throw validationError(parsed.error.issues.map((i) => ({ message: i.message, path: [formField(i.path[0])] })));
      }
      const campaign = await createCampaign(db, { workspaceId: access.workspace.id, actor: { kind: "user", id: user.id }, campaign: parsed.data });
      return { id: campaign.id, slug: access.workspace.slug };
    },
    { role: "admin" },
  )(null, formData);
  if (!result?.ok) return result as ActionState<{ id: string }>;
  redirect(`/brand/${result.data.slug}/campaigns/${result.data.id}`);
};

export const moveCampaignEndAction = brandAction(
  ZCampaignRef.extend({ ends_at: z.string().min(1, "Choose the new end."), timezone: z.string() }),
  async (input, { db, user, access }) => {
    let endsAt: Date;
    try {
      endsAt = zonedTimeToUtc(input.ends_at, input.timezone);
    } catch (error) {
      if (!(error instanceof ZonedTimeError)) throw error;
      throw validationError([{ path: ["ends_at"], message: error.message }]);
    }
    const row = await updateCampaign(db, { workspaceId: access.workspace.id, campaignId: input.campaignId, actor: { kind: "user", id: user.id }, patch: { ends_at: endsAt } });
    revalidatePath(`/brand/${access.workspace.slug}/campaigns/${row.id}`);
    return { endsAt: row.endsAt?.toISOString() ?? null };
  },
  { role: "admin" },
);

export const setApplyCodeFromLinksAction = brandAction(
  ZCampaignRef.extend({ apply: z.enum(["on", "off"]) }),
  async (input, { db, user, access }) => {
    const row = await updateCampaign(db, { workspaceId: access.workspace.id, campaignId: input.campaignId, actor: { kind: "user", id: user.id }, patch: { apply_code_from_links: input.apply === "on" } });
    revalidatePath(`/brand/${access.workspace.slug}/campaigns/${input.campaignId}`);
    return { applyCodeFromLinks: row.applyCodeFromLinks };
  },
  { role: "admin" },
);

export const endCampaignNowAction = brandAction(
  ZCampaignRef,
  async (input, { db, user, access }) => {
    await updateCampaign(db, { workspaceId: access.workspace.id, campaignId: input.campaignId, actor: { kind: "user", id: user.id }, patch: { status: "ended" } });
    revalidatePath(`/brand/${access.workspace.slug}/campaigns/${input.campaignId}`);
    return { ended: true };
  },
  { role: "admin" },
);

/**
 * What adding creators did, row by row counted: newly added, already on the roster (nothing changed:
 * they keep their place and code), refused with a reason. `code` is the single-add's code.
 */
export type RosterActionResult = { added: number; alreadyOnRoster: number; failed: number; errors: { row: number; message: string }[]; total: number; code?: string };

function summarize(results: AddCreatorResult[], rowNumber: (index: number) => number): RosterActionResult {
  const errors = results.flatMap((r) => (r.ok ? [] : [{ row: rowNumber(r.index), message: r.error.message }]));
  const alreadyOnRoster = results.filter((r) => r.ok && r.alreadyEnrolled).length;
  return { added: results.length - errors.length - alreadyOnRoster, alreadyOnRoster, failed: errors.length, errors, total: results.length };
}

export const addCreatorAction = brandAction(
  ZAddCreatorForm,
  async (input, { db, user, access }) => {
    const { results } = await addCreatorsToCampaign(db, {
      workspaceId: access.workspace.id,
      campaignId: input.campaignId,
      actor: { kind: "user", id: user.id },
      invitedByUserId: user.id,
      rows: [{ email: input.email, full_name: input.full_name, handle: input.handle || null, code: input.code || null }],
    });
    const first = results[0]!;
    if (!first.ok) {
      throw new AppError("validation_failed", first.error.message, first.error.field ? { fields: { [first.error.field]: [first.error.message] } } : undefined);
    }
    revalidatePath(`/brand/${access.workspace.slug}/campaigns/${input.campaignId}`);
    const result: RosterActionResult = first.alreadyEnrolled
      ? { added: 0, alreadyOnRoster: 1, failed: 0, errors: [], total: 1, code: first.code }
      : { added: 1, alreadyOnRoster: 0, failed: 0, errors: [], total: 1, code: first.code };
    return result;
  },
  { role: "admin" },
);

export const uploadRosterAction = brandAction(
  ZCampaignRef.extend({ file: z.instanceof(File, { message: "Choose a CSV file." }) }),
  async (input, { db, user, access }) => {
    if (input.file.size === 0) throw new AppError("validation_failed", "The file is empty.", { fields: { file: ["The file is empty."] } });
    const parsed = parseRosterCsv({ bytes: new Uint8Array(await input.file.arrayBuffer()), fileName: input.file.name, contentType: input.file.type });
    if (!parsed.ok) throw new AppError("validation_failed", parsed.error.message, { fields: { file: [parsed.error.message] } });
    const { results } = parsed.rows.length
      ? await addCreatorsToCampaign(db, {
          workspaceId: access.workspace.id,
          campaignId: input.campaignId,
          actor: { kind: "user", id: user.id },
          invitedByUserId: user.id,
          rows: parsed.rows.map((r) => ({ email: r.email, full_name: r.fullName, handle: r.handle })),
        })
      : { results: [] };
    const summary = summarize(results, (index) => parsed.rows[index]!.row);
    const errors = [...parsed.errors.map((e) => ({ row: e.row, message: e.message.replace(/^Row \d+: /, "") })), ...summary.errors].sort((a, b) => a.row - b.row);
    revalidatePath(`/brand/${access.workspace.slug}/campaigns/${input.campaignId}`);
    return { added: summary.added, alreadyOnRoster: summary.alreadyOnRoster, failed: errors.length, errors, total: parsed.totalRows } satisfies RosterActionResult;
  },
  { role: "admin" },
);

export const removeCreatorAction = brandAction(
  ZCampaignRef.extend({ creatorId: z.string().min(1) }),
  async (input, { db, user, access }) => {
    await removeCreatorFromCampaign(db, { workspaceId: access.workspace.id, campaignId: input.campaignId, creatorId: input.creatorId, actor: { kind: "user", id: user.id } });
    revalidatePath(`/brand/${access.workspace.slug}/campaigns/${input.campaignId}`);
    return { removed: input.creatorId };
  },
  { role: "admin" },
);

export const retryFailedCodesAction = brandAction(
  ZCampaignRef,
  async (input, { db, access }) => ({ retried: await retryFailedCodes(db, { workspaceId: access.workspace.id, campaignId: input.campaignId }) }),
  { role: "admin" },
);
