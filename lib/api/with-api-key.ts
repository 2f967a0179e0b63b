import type { NextRequest } from "next/server";
import { getDb, type Db } from "@/db/client";
import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { AppError, errorResponse } from "@/lib/errors";

export const API_RATE_LIMIT = { limit: 600, windowSeconds: 60 };

/** Path ids are Tally's public ids (`cmp_…`); anything else cannot name a row and is a 404 before any query. */
const PLAUSIBLE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export type ApiContext<P> = {
  req: NextRequest;
  params: P;
  db: Db;
  workspace: { id: string; name: string; slug: string };
  apiKeyId: string;
};

/**
 * Wraps every developer API handler: authenticates the bearer key (401), rate-limits per key (429,
 * shared across instances), resolves the workspace the key belongs to, and maps errors to the
 * contract's error shape. Handlers scope every query by `ctx.workspace.id`.
 */
export function withApiKey<P extends Record<string, string> = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const header = req.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AppError("unauthorized", "Send your API key as `Authorization: Bearer tly_…`.");
      const db = await getDb();
      const auth = await authenticateApiKey(db, match[1]!);
      if (!auth) throw new AppError("unauthorized", "This API key is invalid or has been revoked.");
      const limit = await consumeRateLimit(db, `api:${auth.apiKeyId}`, API_RATE_LIMIT);
      const rateHeaders = {
        "X-RateLimit-Limit": String(limit.limit),
        "X-RateLimit-Remaining": String(Math.max(0, limit.limit - limit.count)),
        "X-RateLimit-Reset": String(Math.ceil(limit.resetAt.getTime() / 1000)),
      };
      if (!limit.allowed) {
        return errorResponse(new AppError("rate_limited", "Too many requests. Slow down and retry after the reset time."), {
          ...rateHeaders,
          "Retry-After": String(Math.max(1, Math.ceil((limit.resetAt.getTime() - Date.now()) / 1000))),
        });
      }
      const params = await route.params;
      for (const value of Object.values(params ?? {})) {
        if (typeof value !== "string" || !PLAUSIBLE_ID.test(value)) throw new AppError("not_found", "Not found in this workspace.");
      }
      const response = await handler({
        req,
        params,
        db,
        workspace: { id: auth.workspace.id, name: auth.workspace.name, slug: auth.workspace.slug },
        apiKeyId: auth.apiKeyId,
      });
      for (const [k, v] of Object.entries(rateHeaders)) response.headers.set(k, v);
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}
