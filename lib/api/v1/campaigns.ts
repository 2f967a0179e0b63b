import { z } from "zod";
import type { Db } from "@/db/client";
import { MAX_CREATORS_PER_CALL } from "@/lib/campaigns/add-creators";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import { listCampaigns, type CampaignRow } from "@/lib/campaigns/get-campaign";
import { listRoster, type RosterEntry } from "@/lib/campaigns/list-roster";
import type { TUpdateCampaign } from "@/lib/campaigns/schemas";
import { ZCreatorRow } from "@/lib/creators/creator-row";
import { ZCampaignCreatorJson } from "./serializers";

/** `GET /campaigns/{id}/creators`: besides `limit` and `cursor`. */
export const ZRosterQuery = z.object({
  include_removed: z
    .enum(["true", "false"], { errorMap: () => ({ message: "include_removed is true or false." }) })
    .optional()
    .describe("Also list removed creators (default false)."),
});

/** `POST /campaigns/{id}/creators`: rows are validated one by one by `addCreatorsToCampaign` (per-row errors); here only the envelope. */
export const ZAddCreators = z.object({
  creators: z
    .array(z.unknown(), { required_error: "Send the creators to add as `creators: [...]`.", invalid_type_error: "`creators` is a list." })
    .min(1, "Add at least one creator.")
    .max(MAX_CREATORS_PER_CALL, `At most ${MAX_CREATORS_PER_CALL} creators per call; split the list.`),
});

/** What the document says each row of `creators` is: the one row schema `addCreatorsToCampaign` checks it with. */
export const ZAddCreatorsDocumented = ZAddCreators.extend({
  creators: z
    .array(
      ZCreatorRow.extend({
        handle: ZCreatorRow.shape.handle.describe("Letters, digits, `.`, `-`, `_`; a leading `@` is dropped."),
        code: ZCreatorRow.shape.code.describe("A code of your choice instead of the template's; codes are never reused in a store."),
      }),
    )
    .min(1)
    .max(MAX_CREATORS_PER_CALL),
});

export const ZCampaignCreatorAddedJson = ZCampaignCreatorJson.extend({
  index: z.number().int().describe("The row's position in the request's `creators`."),
  already_enrolled: z.boolean().describe("The creator was already in the campaign: nothing changed."),
});

export const ZRowErrorJson = z.object({
  index: z.number().int().describe("The row's position in the request's `creators`."),
  code: z.string().describe("`validation_failed`, `duplicate`, `conflict`, …"),
  message: z.string(),
  field: z.string().nullable().describe("The row's field at fault, e.g. `email`, `code`; null for the whole row."),
});

export const ZAddCreatorsResultJson = z.object({
  data: z.array(ZCampaignCreatorAddedJson),
  errors: z.array(ZRowErrorJson),
  added: z.number().int(),
  failed: z.number().int(),
});
export type TAddCreatorsResultJson = z.infer<typeof ZAddCreatorsResultJson>;

/**
 * One page of the workspace's campaigns in id order (ids are time-sortable: a cursor never shifts
 * when campaigns are added). `listCampaigns` holds the scoping rules (workspace, not deleted); a
 * workspace has tens of campaigns, so the keyset is applied to its result. Returns `limit + 1` rows
 * for `page()`.
 */
export async function listCampaignsPage(db: Db, input: { workspaceId: string; limit: number; after?: string | undefined }) {
  const rows = await listCampaigns(db, input.workspaceId);
  return rows
    .filter((r) => input.after === undefined || r.id > input.after)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, input.limit + 1);
}

const ROSTER_CHUNK = 1000;

/**
 * The roster entries of the given enrollments (e.g. the rows one call just added), by enrollment id.
 * Reads the roster from just below the smallest wanted id, so it usually takes one query.
 */
export async function rosterEntriesFor(
  db: Db,
  input: { workspaceId: string; campaignId: string; enrollmentIds: string[]; includeRemoved?: boolean },
): Promise<Map<string, RosterEntry>> {
  const wanted = new Set(input.enrollmentIds);
  const found = new Map<string, RosterEntry>();
  if (wanted.size === 0) return found;
  const sorted = [...wanted].sort();
  const last = sorted[sorted.length - 1]!;
  // A strict prefix sorts before the id itself: the first page starts at the smallest wanted id.
  let after = sorted[0]!.slice(0, -1);
  for (;;) {
    const rows = await listRoster(db, {
      workspaceId: input.workspaceId,
      campaignId: input.campaignId,
      includeRemoved: input.includeRemoved,
      after,
      limit: ROSTER_CHUNK,
    });
    for (const row of rows) if (wanted.has(row.enrollmentId)) found.set(row.enrollmentId, row);
    const tail = rows[rows.length - 1];
    if (!tail || rows.length < ROSTER_CHUNK || found.size === wanted.size || tail.enrollmentId >= last) return found;
    after = tail.enrollmentId;
  }
}

/**
 * Whether a PATCH changes nothing: no name, no `status`, and no `ends_at` or the current one.
 * `updateCampaign` would then issue an UPDATE with no columns (drizzle throws "No values to set"),
 * so the route answers the campaign as it is. An `ends_at` on an ended campaign is not a no-op:
 * `updateCampaign` answers 409 for it.
 */
export function isNoopPatch(current: CampaignRow, patch: TUpdateCampaign): boolean {
  if (patch.name || patch.status) return false;
  if (patch.apply_code_from_links !== undefined && patch.apply_code_from_links !== current.applyCodeFromLinks) return false;
  if (patch.ends_at === undefined) return true;
  const same = (patch.ends_at?.getTime() ?? null) === (current.endsAt?.getTime() ?? null);
  return same && campaignStatus(current) !== "ended";
}

/** `PATCH /campaigns/{id}/creators/{creator_id}`: the creator's own commission rate on the campaign. */
export const ZRosterPatch = z
  .object({
    commission_rate_bps: z
      .number({ invalid_type_error: "commission_rate_bps must be an integer of basis points or null" })
      .int("commission_rate_bps must be an integer of basis points")
      .min(0, "commission_rate_bps must be between 0 and 10000 (0–100 %)")
      .max(10_000, "commission_rate_bps must be between 0 and 10000 (0–100 %)")
      .nullable()
      .describe("Basis points (1500 = 15 %); null = the campaign rate. Orders credited from now on follow it."),
  })
  .strict();
