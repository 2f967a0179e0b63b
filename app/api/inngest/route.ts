import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { AppError, errorResponse } from "@/lib/errors";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

const served = serve({ client: inngest, functions });
type Handler = (req: NextRequest, ctx: unknown) => Promise<Response>;

/**
 * Inngest's endpoint. In production it needs `INNGEST_SIGNING_KEY` (Inngest signs every call with
 * it): without one, every call is a clear 503 in JSON instead of the SDK's 500. In development the
 * client runs in dev mode (inngest/client.ts), so the SDK's dev handler answers.
 */
function guard(handler: Handler): Handler {
  return async (req, ctx) => {
    const configured = Boolean(process.env.INNGEST_SIGNING_KEY || process.env.INNGEST_DEV || process.env.NODE_ENV === "development");
    if (!configured) {
      return errorResponse(
        new AppError("not_configured", "Inngest is not configured on this server: set INNGEST_SIGNING_KEY (and INNGEST_EVENT_KEY) to run background work on Inngest."),
        { "Cache-Control": "no-store" },
      );
    }
    return handler(req, ctx);
  };
}

export const GET = guard(served.GET as Handler);
export const POST = guard(served.POST as Handler);
export const PUT = guard(served.PUT as Handler);

/** Any other method: 405 with the JSON error and an Allow header. */
export const { PATCH, DELETE } = methodsNotAllowed(["GET", "POST", "PUT"]);
