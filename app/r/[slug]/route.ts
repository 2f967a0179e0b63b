import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { invalidLinkPage, referralVisitResponse, visitReferralLink } from "@/lib/clicks/visit-referral-link";
import { logError } from "@/lib/log";

export const dynamic = "force-dynamic";

/**
 * GET /r/{slug}: a creator's referral link. Records the click (people only, once per visit) and
 * redirects to the campaign's landing page with `ref` and `tally_click`; see lib/clicks.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  try {
    const visit = await visitReferralLink(await getDb(), { slug, method: req.method, headers: req.headers });
    return referralVisitResponse(visit);
  } catch (error) {
    logError("referral link failed", error);
    return invalidLinkPage(503);
  }
}

/** Link checkers send HEAD: same redirect, never a click. */
export const HEAD = GET;
