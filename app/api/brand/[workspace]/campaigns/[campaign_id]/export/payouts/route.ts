import { withBrand } from "@/lib/api/with-session";
import { campaignCsvExport } from "@/lib/dashboard/export-csv";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** Net commission per creator for a range (refunds netted), as CSV. */
export const GET = withBrand<{ workspace: string; campaign_id: string }>(async ({ req, db, access, params }) => {
  const q = req.nextUrl.searchParams;
  return campaignCsvExport(db, { workspaceId: access.workspace.id, campaignId: params.campaign_id, kind: "payouts", query: { range: q.get("range"), from: q.get("from"), to: q.get("to") } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
