import { withBrand } from "@/lib/api/with-session";
import { getUnlockQuota, quotaJson } from "@/lib/discovery/get-unlock-quota";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** The header counter's data: email unlocks used / allowance in the current billing cycle, from the records. */
export const GET = withBrand(async ({ db, access }) => {
  const quota = await getUnlockQuota(db, { workspaceId: access.workspace.id, now: new Date() });
  return Response.json(quotaJson(quota), { headers: { "cache-control": "no-store" } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
