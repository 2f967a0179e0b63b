import type { Db } from "@/db/client";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import { listCampaigns, type CampaignRow } from "@/lib/campaigns/get-campaign";
import { listRoster, type RosterEntry } from "@/lib/campaigns/list-roster";
import type { TUpdateCampaign } from "@/lib/campaigns/schemas";

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
