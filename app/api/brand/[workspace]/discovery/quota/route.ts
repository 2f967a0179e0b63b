import { withBrand } from "@/lib/api/with-session";
import { getUnlockQuota, quotaJson } from "@/lib/discovery/get-unlock-quota";

/** The header counter's data: email unlocks used / allowance in the current billing cycle, from the records. */
export const GET = withBrand(async ({ db, access }) => {
  const quota = await getUnlockQuota(db, { workspaceId: access.workspace.id, now: new Date() });
  return Response.json(quotaJson(quota), { headers: { "cache-control": "no-store" } });
});
