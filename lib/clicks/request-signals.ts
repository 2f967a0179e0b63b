import { randomBytes } from "node:crypto";
import { isbot } from "isbot";
import { CLICK_WINDOW_DAYS, VISITOR_COOKIE } from "./constants";

/** Why a request is redirected but not recorded as a click. */
export type NotHumanReason = "head" | "no_user_agent" | "bot" | "prefetch";

/** Headers browsers send on speculative loads (link prefetch, speculation rules, Safari previews). */
const PREFETCH_HEADERS = ["purpose", "sec-purpose", "x-purpose", "x-moz"] as const;
const PREFETCH_VALUE = /(^|[\s;,])(prefetch|prerender|preview)\b/i;

export function userAgentOf(headers: Headers): string | null {
  const ua = headers.get("user-agent")?.trim();
  return ua ? ua : null;
}

/**
 * Why a request should not count as a click, or null for a person's visit: a HEAD request, no user
 * agent, a user agent `isbot` knows (crawlers, link unfurlers, curl, headless browsers), or a
 * prefetch/preview (`Purpose: prefetch`, `Sec-Purpose: prefetch…`, `X-Purpose: preview`, `X-Moz:
 * prefetch`). `Sec-Fetch-Dest` is deliberately ignored: in-app browsers send odd values for real taps.
 */
export function botOrPrefetchReason(input: { method: string; headers: Headers }): NotHumanReason | null {
  if (input.method.toUpperCase() === "HEAD") return "head";
  const ua = userAgentOf(input.headers);
  if (!ua) return "no_user_agent";
  if (isbot(ua)) return "bot";
  for (const name of PREFETCH_HEADERS) {
    const value = input.headers.get(name);
    if (value && PREFETCH_VALUE.test(value)) return "prefetch";
  }
  return null;
}

export function isBotOrPrefetch(input: { method: string; headers: Headers }): boolean {
  return botOrPrefetchReason(input) !== null;
}

/** Where the visitor came from, without its query or fragment (they may carry personal data). */
export function normalizeReferrer(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return `${url.origin}${url.pathname}`.slice(0, 512);
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------ visitor cookie

const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

/** 128 random bits, base64url. */
export function newVisitorId(): string {
  return randomBytes(16).toString("base64url");
}

export function isVisitorId(value: string | null | undefined): value is string {
  return typeof value === "string" && VISITOR_ID.test(value);
}

/** The `tally_vid` cookie of a request when it holds a well-formed visitor id, else null. */
export function visitorIdFromCookies(headers: Headers): string | null {
  const header = headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== VISITOR_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (isVisitorId(value)) return value;
  }
  return null;
}

/** `Set-Cookie` for the visitor id: first-party, HttpOnly, Lax, Secure on https, for the attribution window. */
export function visitorCookie(visitorId: string, opts: { secure: boolean; maxAgeDays?: number }): string {
  const maxAge = Math.round((opts.maxAgeDays ?? CLICK_WINDOW_DAYS) * 24 * 60 * 60);
  return `${VISITOR_COOKIE}=${visitorId}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${opts.secure ? "; Secure" : ""}`;
}
