import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, discountCodes, enrollments, workspaceCreators } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { ZCreatorRow, type TCreatorRow } from "@/lib/creators/creator-row";
import { normalizeEmail } from "@/lib/auth/tokens";
import { generateUniqueCode } from "@/lib/codes/generate-unique-code";
import { toNamePart } from "@/lib/codes/transliterate";
import { validateCode } from "@/lib/codes/validate-code";
import { inviteCreatorsInBulk } from "@/lib/invitations/invite-creators-in-bulk";
import { enqueue } from "@/lib/jobs/enqueue";
import { recordEvents } from "@/lib/events/record-event";
import { campaignCreatorJson } from "@/lib/serializers/v1";
import { campaignStatus } from "./campaign-status";
import { getCampaignOrThrow, type CampaignRow } from "./get-campaign";
import { referralUrl } from "./list-roster";
import { pushCampaignCodesJob } from "./push-campaign-codes-job";

export const MAX_CREATORS_PER_CALL = 500;

export type AddCreatorResult =
  | { index: number; ok: true; creatorId: string; enrollmentId: string; code: string; alreadyEnrolled: boolean }
  | { index: number; ok: false; error: { code: string; message: string; field?: string } };

type Candidate = { index: number; row: TCreatorRow & { email: string }; manual: string | null };
type RowFailure = Extract<AddCreatorResult, { ok: false }>;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: unknown };
  if (e?.cause && isUniqueViolation(e.cause)) return true;
  return e?.code === "23505";
}

/** Referral slugs: the creator's handle or name, plus 6 random characters (unique for ever). */
function referralSlug(row: TCreatorRow): string {
  const base = (toNamePart(row.handle || row.full_name) || "creator").toLowerCase().slice(0, 24);
  return `${base}-${randomBytes(3).toString("hex")}`;
}

const fail = (index: number, code: string, message: string, field?: string): RowFailure => ({ index, ok: false, error: { code, message, ...(field ? { field } : {}) } });

/**
 * Adds creators to a campaign: each gets a creator identity (shared across brands), a place in the
 * campaign, a unique code (from the template, or the brand's own) and a referral link. Invalid rows
 * are reported and the valid ones kept; the valid ones are written together in one transaction with
 * a handful of bulk statements (a 500-row file is one round of queries, not thousands), so a row is
 * either fully added or not at all. Codes are then pushed to Shopify in the background.
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

  // 1. Validate every row on its own; the first row with an email wins over later duplicates.
  const failures: RowFailure[] = [];
  const candidates: Candidate[] = [];
  const firstByEmail = new Map<string, number>();
  const firstByCode = new Map<string, number>();
  for (const [index, raw] of input.rows.entries()) {
    const parsed = ZCreatorRow.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      failures.push(fail(index, "validation_failed", issue.message, String(issue.path[0] ?? "")));
      continue;
    }
    const row = { ...parsed.data, email: normalizeEmail(parsed.data.email) };
    const first = firstByEmail.get(row.email);
    if (first !== undefined) {
      failures.push(fail(index, "duplicate", `Duplicate of row ${first + 1} (${row.email}).`, "email"));
      continue;
    }
    let manual: string | null = null;
    if (row.code) {
      const v = validateCode(row.code);
      if (!v.ok) {
        failures.push(fail(index, "validation_failed", v.errors.join(" "), "code"));
        continue;
      }
      manual = v.value;
      const sameCode = firstByCode.get(manual);
      if (sameCode !== undefined) {
        failures.push(fail(index, "conflict", `The code ${manual} is also asked for in row ${sameCode + 1}.`, "code"));
        continue;
      }
      firstByCode.set(manual, index);
    }
    firstByEmail.set(row.email, index);
    candidates.push({ index, row, manual });
  }

  // 2. Write the valid rows together; a concurrent addition taking a code or slug retries the batch.
  let written: { successes: Extract<AddCreatorResult, { ok: true }>[]; failures: RowFailure[] } = { successes: [], failures: [] };
  for (let attempt = 0; ; attempt++) {
    try {
      written = candidates.length ? await db.transaction((tx) => writeBatch(tx as unknown as Db, campaign, candidates)) : written;
      break;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 4) throw error;
    }
  }

  const results = [...failures, ...written.failures, ...written.successes].sort((a, b) => a.index - b.index);
  const added = written.successes.filter((r) => !r.alreadyEnrolled);
  if (written.successes.length > 0) {
    await inviteCreatorsInBulk(db, { workspaceId: input.workspaceId, invitedByUserId: input.invitedByUserId, creatorIds: written.successes.map((r) => r.creatorId) });
  }
  if (added.length > 0) {
    await recordAudit(db, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "campaign.creators_added",
      targetType: "campaign",
      targetId: campaign.id,
      data: { added: added.length, failed: results.length - written.successes.length },
    });
    await enqueue(pushCampaignCodesJob, { workspaceId: input.workspaceId, campaignId: campaign.id });
  }
  const ok = results.filter((r) => r.ok).length;
  return { results, added: ok, failed: results.length - ok };
}

async function writeBatch(tx: Db, campaign: CampaignRow, candidates: Candidate[]) {
  const emails = candidates.map((c) => c.row.email);
  await tx
    .insert(creators)
    .values(candidates.map((c) => ({ email: c.row.email, fullName: c.row.full_name, handle: c.row.handle })))
    .onConflictDoNothing({ target: creators.email });
  const creatorRows = await tx.select().from(creators).where(inArray(creators.email, emails));
  const creatorByEmail = new Map(creatorRows.map((c) => [c.email, c]));

  await tx
    .insert(workspaceCreators)
    .values(creatorRows.map((c) => ({ workspaceId: campaign.workspaceId, creatorId: c.id, status: c.userId ? ("active" as const) : ("invited" as const) })))
    .onConflictDoUpdate({
      target: [workspaceCreators.workspaceId, workspaceCreators.creatorId],
      set: { status: sql`excluded.status`, updatedAt: new Date() },
      setWhere: eq(workspaceCreators.status, "removed"),
    });

  // Creators already in the campaign keep their place and code.
  const existing = await tx
    .select({ creatorId: enrollments.creatorId, enrollmentId: enrollments.id, code: discountCodes.code })
    .from(enrollments)
    .leftJoin(discountCodes, and(eq(discountCodes.enrollmentId, enrollments.id), isNull(discountCodes.deactivatedAt)))
    .where(and(eq(enrollments.campaignId, campaign.id), eq(enrollments.status, "active"), inArray(enrollments.creatorId, creatorRows.map((c) => c.id))));
  const enrolled = new Map(existing.map((e) => [e.creatorId, e]));

  const successes: Extract<AddCreatorResult, { ok: true }>[] = [];
  const failures: RowFailure[] = [];
  const fresh: (Candidate & { creatorId: string })[] = [];
  for (const c of candidates) {
    const creator = creatorByEmail.get(c.row.email)!;
    const e = enrolled.get(creator.id);
    if (e) successes.push({ index: c.index, ok: true, creatorId: creator.id, enrollmentId: e.enrollmentId, code: e.code ?? "", alreadyEnrolled: true });
    else fresh.push({ ...c, creatorId: creator.id });
  }

  // Brand-chosen codes must be new to the store: codes are never reissued, not even after deactivation.
  const manualCodes = fresh.flatMap((c) => (c.manual ? [c.manual] : []));
  const takenManual = manualCodes.length
    ? new Map(
        (
          await tx
            .select({ code: discountCodes.code, creatorId: discountCodes.creatorId })
            .from(discountCodes)
            .where(and(eq(discountCodes.shopId, campaign.shopId), inArray(discountCodes.code, manualCodes)))
        ).map((r) => [r.code, r.creatorId]),
      )
    : new Map<string, string>();
  const toInsert: (Candidate & { creatorId: string; code: string })[] = [];
  const batchCodes = new Set<string>(manualCodes);
  for (const c of fresh) {
    if (c.manual) {
      const owner = takenManual.get(c.manual);
      if (owner !== undefined) {
        failures.push(fail(c.index, "conflict", `The code ${c.manual} is already used in this store${owner === c.creatorId ? " (by this creator, in another campaign)" : ""}. Codes are never reused.`, "code"));
      } else toInsert.push({ ...c, code: c.manual });
      continue;
    }
    const creator = creatorByEmail.get(c.row.email)!;
    const code = await generateUniqueCode({
      template: campaign.codeTemplate,
      creator: { fullName: creator.fullName, handle: creator.handle },
      // Tally's own codes in this store: one query per candidate is avoided by checking the batch here
      // and letting the unique index catch the (random, rare) clash with an older code: the batch retries.
      isTaken: (candidate) => batchCodes.has(candidate),
    });
    batchCodes.add(code);
    toInsert.push({ ...c, code });
  }
  if (toInsert.length === 0) return { successes, failures };

  // Codes rendered from the template without randomness can collide with older ones: re-draw those.
  const clashing = new Set(
    (
      await tx
        .select({ code: discountCodes.code })
        .from(discountCodes)
        .where(and(eq(discountCodes.shopId, campaign.shopId), inArray(discountCodes.code, toInsert.filter((c) => !c.manual).map((c) => c.code))))
    ).map((r) => r.code),
  );
  for (const c of toInsert) {
    if (c.manual || !clashing.has(c.code)) continue;
    const creator = creatorByEmail.get(c.row.email)!;
    batchCodes.delete(c.code);
    c.code = await generateUniqueCode({
      template: campaign.codeTemplate,
      creator: { fullName: creator.fullName, handle: creator.handle },
      isTaken: async (candidate) =>
        batchCodes.has(candidate) ||
        clashing.has(candidate) ||
        (await tx.select({ id: discountCodes.id }).from(discountCodes).where(and(eq(discountCodes.shopId, campaign.shopId), eq(discountCodes.code, candidate))).limit(1)).length > 0,
    });
    batchCodes.add(c.code);
  }

  const insertedEnrollments = await tx
    .insert(enrollments)
    .values(toInsert.map((c) => ({ workspaceId: campaign.workspaceId, campaignId: campaign.id, creatorId: c.creatorId, referralSlug: referralSlug(c.row) })))
    .returning({ id: enrollments.id, creatorId: enrollments.creatorId, referralSlug: enrollments.referralSlug, joinedAt: enrollments.joinedAt });
  const enrollmentByCreator = new Map(insertedEnrollments.map((e) => [e.creatorId, e.id]));
  await tx.insert(discountCodes).values(
    toInsert.map((c) => ({
      workspaceId: campaign.workspaceId,
      shopId: campaign.shopId,
      campaignId: campaign.id,
      enrollmentId: enrollmentByCreator.get(c.creatorId)!,
      creatorId: c.creatorId,
      code: c.code,
      manual: Boolean(c.manual),
    })),
  );
  // creator.added, one per new place on the roster, in this transaction (lib/events).
  const codeByCreator = new Map(toInsert.map((c) => [c.creatorId, c.code]));
  const creatorById = new Map(creatorRows.map((c) => [c.id, c]));
  await recordEvents(
    tx,
    insertedEnrollments.map((e) => {
      const creator = creatorById.get(e.creatorId)!;
      return {
        workspaceId: campaign.workspaceId,
        type: "creator.added" as const,
        sourceKey: `enrollment:${e.id}:added`,
        subjectId: e.creatorId,
        data: {
          campaign_id: campaign.id,
          ...campaignCreatorJson({
            creatorId: e.creatorId,
            email: creator.email,
            fullName: creator.fullName,
            handle: creator.handle,
            code: codeByCreator.get(e.creatorId) ?? null,
            codeStatus: "pending",
            failureReason: null,
            referralUrl: referralUrl(e.referralSlug),
            joinedAt: e.joinedAt,
            removedAt: null,
          }),
        },
      };
    }),
  );
  for (const c of toInsert) {
    successes.push({ index: c.index, ok: true, creatorId: c.creatorId, enrollmentId: enrollmentByCreator.get(c.creatorId)!, code: c.code, alreadyEnrolled: false });
  }
  return { successes, failures };
}
