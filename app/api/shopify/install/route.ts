import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { handleInstallRequest, plainPage } from "@/lib/shops/oauth-install";
import { logError } from "@/lib/log";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** GET /api/shopify/install?workspace={slug}&shop={domain}: a brand admin starts Shopify's OAuth install. */
export async function GET(req: NextRequest): Promise<Response> {
  try {
    const user = await getSessionUser();
    return await handleInstallRequest(await getDb(), { request: req, userId: user?.id ?? null });
  } catch (error) {
    logError("shopify install failed", error);
    return plainPage(500, "Tally could not start the Shopify install. Please try again from your workspace settings.");
  }
}

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
