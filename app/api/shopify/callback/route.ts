import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { handleOAuthCallback, plainPage } from "@/lib/shops/oauth-install";
import { logError } from "@/lib/log";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** GET /api/shopify/callback: Shopify's redirect after the merchant approved the install. */
export async function GET(req: NextRequest): Promise<Response> {
  try {
    const user = await getSessionUser();
    return await handleOAuthCallback(await getDb(), { request: req, userId: user?.id ?? null });
  } catch (error) {
    logError("shopify oauth callback failed", error);
    return plainPage(500, "Tally could not finish connecting the store. Please try again from your workspace settings.");
  }
}

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
