import { z } from "zod";
import { validationError } from "@/lib/errors";
import { withBrand } from "@/lib/api/with-session";
import { listSyncRuns } from "@/lib/sync/list-sync-runs";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

const ZQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).optional() });

/** The sync panel's live view (TanStack Query): the workspace's latest backfills, reconciliations and replays with progress and counts. */
export const GET = withBrand(async ({ req, db, access }) => {
  const parsed = ZQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) throw validationError(parsed.error.issues);
  const runs = await listSyncRuns(db, { workspaceId: access.workspace.id, limit: parsed.data.limit });
  return Response.json({ runs, active: runs.some((r) => r.status === "running") });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
