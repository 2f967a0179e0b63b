import { withApiKey } from "@/lib/api/with-api-key";
import { discoveryCreatorJson } from "@/lib/api/v1/discovery";
import { ZListQuery } from "@/lib/api/v1/pagination";
import { parseInput } from "@/lib/api/v1/request";
import { parseDiscoverySearch } from "@/lib/discovery/search-filters";
import { searchDiscoveryCreators } from "@/lib/discovery/search-creators";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** Creator discovery: the global profile database with the portal's filters; emails only once unlocked. */
export const GET = withApiKey(async ({ req, db, workspace }) => {
  const filters = parseDiscoverySearch(req.nextUrl.searchParams);
  const { limit, cursor } = parseInput(ZListQuery, {
    limit: req.nextUrl.searchParams.get("limit") ?? undefined,
    cursor: req.nextUrl.searchParams.get("cursor") ?? undefined,
  }, { message: "Invalid query parameters." });
  const { creators, nextCursor } = await searchDiscoveryCreators(db, { workspaceId: workspace.id, filters, limit, cursor });
  return Response.json({ data: creators.map(discoveryCreatorJson), next_cursor: nextCursor });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
