import { withCreator } from "@/lib/api/with-session";
import { getCreatorEarnings } from "@/lib/creators/get-creator-earnings";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

export const dynamic = "force-dynamic";

/** JSON for the Earnings page's live refresh (TanStack Query). The creator is the signed-in user; nothing comes from the URL. */
export const GET = withCreator(async ({ db, creator }) => {
  const earnings = await getCreatorEarnings(db, creator.id);
  return Response.json(earnings, { headers: { "Cache-Control": "private, no-store" } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
