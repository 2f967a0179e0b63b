import { withBrand } from "@/lib/api/with-session";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { AppError } from "@/lib/errors";
import { payoutLabel } from "@/lib/payouts/create-payout";
import { PAYPAL_MAX_ROWS, payoutCsv, payoutPaypalCsv } from "@/lib/payouts/export-payout";
import { getPayoutOrThrow } from "@/lib/payouts/list-payouts";

/** A payout as a file: `?format=csv` (generic) or `?format=paypal` (PayPal Payouts Web's payment file). */
export const GET = withBrand<{ workspace: string; payout_id: string }>(async ({ req, db, access, params }) => {
  const format = req.nextUrl.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "paypal") throw new AppError("validation_failed", "format is csv or paypal.", { fields: { format: ["csv or paypal"] } });
  const { payout, items } = await getPayoutOrThrow(db, { workspaceId: access.workspace.id, payoutId: params.payout_id });
  if (format === "paypal" && items.length > PAYPAL_MAX_ROWS) throw new AppError("conflict", `PayPal takes at most ${PAYPAL_MAX_ROWS} payments per file; this payout has ${items.length}.`);
  const body = format === "csv" ? payoutCsv(payout, items) : payoutPaypalCsv(payout, items, access.workspace.name);
  const name = `${access.workspace.slug}-${payoutLabel(payout.number)}${format === "paypal" ? "-paypal" : ""}.csv`;
  return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
