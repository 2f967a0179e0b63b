import { NextResponse } from "next/server";
import { auth } from "@/lib/auth/auth";

/**
 * Sends signed-out visitors of either portal to sign-in, keeping where they were going.
 * Convenience only: every page, action and route authorizes again on its own.
 */
export const proxy = auth((req) => {
  if (!req.auth) {
    const url = new URL("/sign-in", req.nextUrl.origin);
    url.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
});

export const config = { matcher: ["/brand/:path*", "/creator/:path*", "/onboarding"] };
