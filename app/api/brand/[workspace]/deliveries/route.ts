import { z } from "zod";
import { validationError } from "@/lib/errors";
import { withBrand } from "@/lib/api/with-session";
import { countDeliveriesByStatus, listDeliveries } from "@/lib/webhooks/list-deliveries";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

const ZQuery = z.object({ status: z.enum(["received", "processing", "processed", "failed", "ignored"]).optional() });

/** JSON for the deliveries page's live refresh (TanStack Query). */
export const GET = withBrand(async ({ req, db, access }) => {
  const parsed = ZQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) throw validationError(parsed.error.issues);
  const [deliveries, counts] = await Promise.all([
    listDeliveries(db, { workspaceId: access.workspace.id, status: parsed.data.status }),
    countDeliveriesByStatus(db, access.workspace.id),
  ]);
  return Response.json({ deliveries, counts });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
