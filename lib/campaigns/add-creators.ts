import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { creators, discountCodes, enrollments, invitations, workspaceCreators } from "@/db/schema";
import { AppError } from "@/lib/api/app-error";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { normalizeEmail } from "@/lib/auth/tokens";
import { generateUniqueCode, toNamePart, validateCode } from "@/lib/codes";
import { inviteCreator } from "@/lib/invitations/invitations";
import { enqueue } from "@/lib/jobs/enqueue";
import { campaignStatus } from "./campaign-status";
import { getCampaignOrThrow } from "./get-campaign";
import { pushCampaignCodesJob } from "./push-campaign-codes-job";

export const MAX_CREATORS_PER_CALL = 500;

export const ZCreatorRow = z.object({
  email: z.string().trim().email("Enter a valid email address.").max(254),
  full_name: z.string().trim().min(1, "Enter the creator's full name.").max(120),
  handle: z
    .string()
    .trim()
    .max(60)
    .transform((h) => h.replace(/^@/, ""))
    .refine((h) => /^[A-Za-z0-9._-]*$/.test(h), "Handles use letters, digits, dots, dashes and underscores.")
    .nullish()
    .transform((h) => h || null),
  /** Optional: a code chosen by the brand instead of the template. */
  code: z.string().trim().nullish(),
});
export type TCreatorRow = z.infer<typeof ZCreatorRow>;

export type AddCreatorResult =
  | { index: number; ok: true; creatorId: string; enrollmentId: string; code: string; alreadyEnrolled: boolean }
  | { index: number; ok: false; error: { code: string; message: string; field?: string } };

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown; message?: string };
  if (e?.cause) return isUniqueViolation(e.cause, constraint);
  return e?.code === "23505" && (e.constraint_name === constraint || e.constraint === constraint || String(e.message).includes(constraint));
}

/** Referral slugs: the creator's handle or name, plus 4 random characters (unique for ever). */
function referralSlug(row: TCreatorRow): string {
  const base = (toNamePart(row.handle || row.full_name) || "creator").toLowerCase().slice(0, 24);
  return `${base}-${randomBytes(3).toString("hex").slice(0, 4)}`;
}

/**
 * Adds creators to a campaign: each row gets a creator identity (shared across brands), a place in
 * the campaign, a unique code (from the template, or the brand's own), and a referral link — all in
 * one transaction per row, so a row is either fully added or not at all. Invalid rows are reported
 * and the valid ones kept. Codes are then pushed to Shopify in the background.
 */
export async function addCreatorsToCampaign(
  db: Db,
  input: { workspaceId: string; campaignId: string; actor: Actor; invitedByUserId: string | null; rows: unknown[] },
): Promise<{ results: AddCreatorResult[]; added: number; failed: number }> {
  if (input.rows.length === 0) throw new AppError("validation_failed", "Add at least one creator.");
  if (input.rows.length > MAX_CREATORS_PER_CALL) {
    throw new AppError("validation_failed", `At most ${MAX_CREATORS_PER_CALL} creators per call (got ${input.rows.length}).`);
  }
  const campaign = await getCampaignOrThrow(db, { workspaceId: input.workspaceId, campaignId: input.campaignId });
  if (campaignStatus(campaign) === "ended") throw new AppError("conflict", "This campaign has ended: creators can no longer be added.");

  const seen = new Map<string, number>();
  const results: AddCreatorResult[] = [];
  for (const [index, raw] of input.rows.entries()) {
    const parsed = ZCreatorRow.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      results.push({ index, ok: false, error: { code: "validation_failed", message: issue.message, field: String(issue.path[0] ?? "") } });
      continue;
    }
    const row = { ...parsed.data, email: normalizeEmail(parsed.data.email) };
    const first = seen.get(row.email);
    if (first !== undefined) {
      results.push({ index, ok: false, error: { code: "duplicate", message: `Duplicate of row ${first + 1} (${row.email}).`, field: "email" } });
      continue;
    }
    seen.set(row.email, index);
    try {
      results.push({ index, ok: true, ...(await addOne(db, campaign, row)) });
    } catch (error) {
      const e = error instanceof AppError ? error : null;
      if (!e) console.error("[tally] adding a creator failed", error);
      results.push({
        index,
        ok: false,
        error: { code: e?.code ?? "internal_error", message: e?.message ?? "Could not add this creator; try again.", field: (e?.details?.field as string) ?? undefined },
      });
    }
  }

  const added = results.filter((r) => r.ok);
  await inviteNewCreators(db, input, added.map((r) => (r as { creatorId: string }).creatorId));
  if (added.length > 0) {
    await recordAudit(db, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "campaign.creators_added",
      targetType: "campaign",
      targetId: campaign.id,
      data: { added: added.length, failed: results.length - added.length },
    });
    await enqueue(pushCampaignCodesJob, { workspaceId: input.workspaceId, campaignId: campaign.id });
  }
  return { results, added: added.length, failed: results.length - added.length };
}

async function addOne(db: Db, campaign: Awaited<ReturnType<typeof getCampaignOrThrow>>, row: TCreatorRow & { email: string }) {
  let manual: string | null = null;
  if (row.code) {
    const v = validateCode(row.code);
    if (!v.ok) throw new AppError("validation_failed", v.errors.join(" "), { field: "code" });
    manual = v.value;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        await tx.insert(creators).values({ email: row.email, fullName: row.full_name, handle: row.handle }).onConflictDoNothing({ target: creators.email });
        const [creator] = await tx.select().from(creators).where(eq(creators.email, row.email));
        await tx
          .insert(workspaceCreators)
          .values({ workspaceId: campaign.workspaceId, creatorId: creator!.id, status: creator!.userId ? "active" : "invited" })
          .onConflictDoUpdate({
            target: [workspaceCreators.workspaceId, workspaceCreators.creatorId],
            set: { status: creator!.userId ? "active" : "invited", updatedAt: new Date() },
            setWhere: eq(workspaceCreators.status, "removed"),
          });
        const [existing] = await tx
          .select({ enrollment: enrollments, code: discountCodes.code })
          .from(enrollments)
          .leftJoin(discountCodes, and(eq(discountCodes.enrollmentId, enrollments.id), isNull(discountCodes.deactivatedAt)))
          .where(and(eq(enrollments.campaignId, campaign.id), eq(enrollments.creatorId, creator!.id), eq(enrollments.status, "active")))
          .limit(1);
        if (existing) {
          return { creatorId: creator!.id, enrollmentId: existing.enrollment.id, code: existing.code ?? "", alreadyEnrolled: true };
        }
        const code =
          manual ??
          (await generateUniqueCode({
            template: campaign.codeTemplate,
            creator: { fullName: creator!.fullName, handle: creator!.handle },
            isTaken: async (candidate) =>
              (await tx.select({ id: discountCodes.id }).from(discountCodes).where(and(eq(discountCodes.shopId, campaign.shopId), eq(discountCodes.code, candidate))).limit(1)).length > 0,
          }));
        if (manual) {
          const [taken] = await tx.select({ creatorId: discountCodes.creatorId }).from(discountCodes).where(and(eq(discountCodes.shopId, campaign.shopId), eq(discountCodes.code, manual)));
          if (taken) throw new AppError("conflict", `The code ${manual} is already used in this store${taken.creatorId === creator!.id ? " (by this creator, in another campaign)" : ""}. Codes are never reused.`, { field: "code" });
        }
        const [enrollment] = await tx
          .insert(enrollments)
          .values({ workspaceId: campaign.workspaceId, campaignId: campaign.id, creatorId: creator!.id, referralSlug: referralSlug(row) })
          .returning();
        await tx.insert(discountCodes).values({
          workspaceId: campaign.workspaceId,
          shopId: campaign.shopId,
          campaignId: campaign.id,
          enrollmentId: enrollment!.id,
          creatorId: creator!.id,
          code,
          manual: Boolean(manual),
        });
        return { creatorId: creator!.id, enrollmentId: enrollment!.id, code, alreadyEnrolled: false };
      });
    } catch (error) {
      // Two additions raced for the same code or slug: try again with fresh random characters.
      if (!manual && (isUniqueViolation(error, "discount_codes_shop_code_key") || isUniqueViolation(error, "enrollments_referral_slug_key"))) continue;
      if (isUniqueViolation(error, "enrollments_campaign_creator_active_key")) continue;
      if (manual && isUniqueViolation(error, "discount_codes_shop_code_key")) {
        throw new AppError("conflict", `The code ${manual} is already used in this store. Codes are never reused.`, { field: "code" });
      }
      throw error;
    }
  }
  throw new AppError("conflict", "Could not allocate a unique code; try again.");
}

/** Creators without a login get one invitation to the creator portal (not one per campaign). */
async function inviteNewCreators(db: Db, input: { workspaceId: string; invitedByUserId: string | null }, creatorIds: string[]) {
  if (creatorIds.length === 0) return;
  const rows = await db.select().from(creators).where(and(inArray(creators.id, creatorIds), isNull(creators.userId)));
  if (rows.length === 0) return;
  const open = await db
    .select({ creatorId: invitations.creatorId })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, input.workspaceId), eq(invitations.kind, "creator"), inArray(invitations.creatorId, rows.map((r) => r.id)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  const invited = new Set(open.map((o) => o.creatorId));
  for (const c of rows) {
    if (invited.has(c.id)) continue;
    await inviteCreator(db, { workspaceId: input.workspaceId, invitedByUserId: input.invitedByUserId, email: c.email, fullName: c.fullName, handle: c.handle ?? undefined });
  }
}
