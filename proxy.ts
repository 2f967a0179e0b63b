import { NextResponse, type NextRequest } from "next/server";
import { malformedRequestReason } from "@/lib/http/malformed-request";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, createNonce, HSTS, shopifyFormTargets } from "@/lib/http/security-headers";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREAS = /^\/(brand|creator|onboarding|account)(\/|$)/;

const isDev = process.env.NODE_ENV === "development";
/** HSTS only where it means something: a production app whose public origin is https. */
const sendHsts = process.env.NODE_ENV === "production" && (process.env.APP_URL ?? "").startsWith("https:");
const formTargets = shopifyFormTargets(process.env.SHOPIFY_ADMIN_ORIGIN);

function withTransportSecurity(res: NextResponse): NextResponse {
  if (sendHsts) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

/** The raw path as the client sent it (NextURL decodes nothing, but be explicit about the query). */
function rawParts(req: NextRequest): { rawPath: string; rawQuery: string } {
  const url = req.url;
  const afterOrigin = url.slice(url.indexOf("/", url.indexOf("//") + 2));
  const q = afterOrigin.indexOf("?");
  const pathAndQuery = afterOrigin.split("#")[0]!;
  return q < 0 ? { rawPath: pathAndQuery, rawQuery: "" } : { rawPath: pathAndQuery.slice(0, q), rawQuery: pathAndQuery.slice(q + 1) };
}

function badRequest(req: NextRequest, message: string): NextResponse {
  const api = req.nextUrl.pathname.startsWith("/api/");
  const res = api
    ? NextResponse.json({ error: { code: "bad_request", message } }, { status: 400 })
    : new NextResponse(`400 Bad Request: ${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  res.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  res.headers.set("Cache-Control", "no-store");
  return withTransportSecurity(res);
}

/**
 * Runs before every page and API route (not static files, not the webhook intake):
 * 1. refuses malformed paths and queries with a 400 (lib/http/malformed-request.ts) instead of a 500 later;
 * 2. sends visitors without a session cookie from the signed-in areas to sign-in, keeping where they
 *    were going (a convenience only: every page, action and route authenticates on its own);
 * 3. sets the Content-Security-Policy: a fresh nonce per page (Next.js reads it from the request's
 *    CSP header and puts it on its scripts), a no-content policy on API answers; HSTS in production.
 */
export function proxy(req: NextRequest) {
  // Also checked earlier, on the Node server (lib/http/node-request-guards.ts), which alone sees the
  // router-state header; here for a request that arrived before that guard was installed.
  const reason = malformedRequestReason({ ...rawParts(req), routerStateTree: null });
  if (reason) return badRequest(req, reason);

  const { pathname } = req.nextUrl;
  if (SIGNED_IN_AREAS.test(pathname)) {
    const hasSession = SESSION_COOKIES.some((name) => req.cookies.has(name) || req.cookies.has(`${name}.0`));
    if (!hasSession) {
      const url = new URL("/sign-in", req.nextUrl.origin);
      url.searchParams.set("callbackUrl", pathname + req.nextUrl.search);
      return withTransportSecurity(NextResponse.redirect(url));
    }
  }

  if (pathname.startsWith("/api/")) {
    const res = NextResponse.next();
    res.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    return withTransportSecurity(res);
  }

  const nonce = createNonce();
  const csp = contentSecurityPolicy({ nonce, dev: isDev, https: sendHsts, formTargets });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  return withTransportSecurity(res);
}

export const config = {
  // Everything but build assets and the webhook intake (kept on the shortest path; next.config.ts
  // gives it the static headers and a no-content policy).
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|api/webhooks/).*)"],
};
