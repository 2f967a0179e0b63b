import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { verifyVersionToken, versionWatch } from "@/lib/dashboard/dashboard-version";
import { AppError, errorResponse } from "@/lib/errors";

/**
 * The campaign dashboard's version, polled by open dashboards (components/dashboard/use-dashboard-version.ts).
 * Authorised by the signed token the dashboard's figures came with (`?t=`), not by the session: a
 * poll reads no session, no membership and — through the process-wide version watch — at most one
 * statement per second for every dashboard polled together. ETag = the version; `If-None-Match`
 * with the current one answers 304 with no body. A missing, expired or foreign token is 404, like
 * any other tenant's route.
 */
export async function GET(req: NextRequest, route: { params: Promise<{ workspace: string; campaign_id: string }> }) {
  try {
    const { workspace: slug, campaign_id: campaignId } = await route.params;
    const workspaceId = verifyVersionToken(req.nextUrl.searchParams.get("t"), { slug, campaignId });
    if (!workspaceId) throw new AppError("not_found", "Campaign not found.");
    const version = await versionWatch().get(await getDb(), { workspaceId, campaignId });
    const etag = `"${version}"`;
    const headers = { etag, "cache-control": "private, no-cache" };
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return Response.json({ version }, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
