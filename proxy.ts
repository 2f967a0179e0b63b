import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Sends visitors without a session cookie from either portal to sign-in, keeping where they were
 * going. A convenience only (no database, no token check here): every page, action and route
 * authenticates and authorizes again on its own.
 */
export function proxy(req: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => req.cookies.has(name) || req.cookies.has(`${name}.0`));
  if (hasSession) return NextResponse.next();
  const url = new URL("/sign-in", req.nextUrl.origin);
  url.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/brand/:path*", "/creator/:path*", "/onboarding"] };
