import { withApiKey } from "@/lib/api/with-api-key";
import { rosterEntriesFor, ZAddCreators, ZRosterQuery, type TAddCreatorsResultJson } from "@/lib/api/v1/campaigns";
import { page, parseListQuery } from "@/lib/api/v1/pagination";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { campaignCreatorJson } from "@/lib/api/v1/serializers";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { listRoster } from "@/lib/campaigns/list-roster";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApiKey<{ id: string }>(async ({ req, params, db, workspace }) => {
  const { limit, after } = parseListQuery(req.nextUrl);
  const query = parseInput(ZRosterQuery, Object.fromEntries(req.nextUrl.searchParams), { message: "Invalid query parameters." });
  const campaign = await getCampaignOrThrow(db, { workspaceId: workspace.id, campaignId: params.id });
  const rows = await listRoster(db, {
    workspaceId: workspace.id,
    campaignId: campaign.id,
    includeRemoved: query.include_removed === "true",
    after,
    limit: limit + 1,
  });
  return Response.json(page(rows, limit, (r) => r.enrollmentId, campaignCreatorJson));
});

export const POST = withApiKey<{ id: string }>(async ({ req, params, db, workspace, apiKeyId }) => {
  const body = parseInput(ZAddCreators, await readJsonBody(req));
  const { results, added, failed } = await addCreatorsToCampaign(db, {
    workspaceId: workspace.id,
    campaignId: params.id,
    actor: { kind: "api_key", id: apiKeyId },
    invitedByUserId: null,
    rows: body.creators,
  });
  const oks = results.filter((r) => r.ok);
  const entries = await rosterEntriesFor(db, { workspaceId: workspace.id, campaignId: params.id, enrollmentIds: oks.map((r) => r.enrollmentId) });
  const data = oks.flatMap((r) => {
    const entry = entries.get(r.enrollmentId);
    // Only missing when removed again by a concurrent call: it is no longer in the campaign.
    return entry ? [{ index: r.index, already_enrolled: r.alreadyEnrolled, ...campaignCreatorJson(entry) }] : [];
  });
  const errors = results.flatMap((r) =>
    r.ok ? [] : [{ index: r.index, code: r.error.code, message: r.error.message, field: r.error.field || null }],
  );
  return Response.json({ data, errors, added, failed } satisfies TAddCreatorsResultJson);
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
