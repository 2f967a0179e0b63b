import type { Db } from "@/db/client";
import { appUrl } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";
import { CLICK_WINDOW_DAYS } from "./constants";
import { hashVisitorData } from "./hash-visitor-data";
import { recordClick, type RecordClickResult } from "./record-click";
import {
  botOrPrefetchReason,
  normalizeReferrer,
  userAgentOf,
  visitorCookie,
  visitorIdFromCookies,
  type NotHumanReason,
} from "./request-signals";
import { referralDestination, resolveReferralLink, shareableDiscountUrl, type InactiveReason, type ReferralLink } from "./resolve-referral-link";
import { signClickToken } from "./click-token";
import { countSkippedVisit, type SkippedVisitReason } from "./count-skipped-visit";
import { logError } from "@/lib/log";

/** What happened to the visit, for logs and tests. */
export type VisitOutcome = RecordClickResult["kind"] | NotHumanReason | InactiveReason | "not_recorded_error";

export type ReferralVisit =
  | { kind: "not_found" }
  | {
      kind: "redirect";
      location: string;
      outcome: VisitOutcome;
      clickId: string | null;
      /** The signed token in the location's `tally_click` (null when no click was recorded). */
      clickToken: string | null;
      /** The creator's code the location applies through the shareable discount URL, or null. */
      appliedCode: string | null;
      setCookie: string | null;
    };

/** Counting a skipped visit is best effort: it never delays or breaks the redirect's answer. */
async function countSkipped(db: Db, link: ReferralLink, reason: SkippedVisitReason, now?: Date) {
  try {
    await countSkippedVisit(db, { link, reason, now });
  } catch (error) {
    logError("could not count a skipped referral visit", error, { slug: link.slug });
  }
}

/**
 * A visit to `/r/{slug}`: resolve the link, record the click unless it is a bot, a prefetch or
 * over the rate limit (those are counted apart), and say where to send the visitor: the landing page
 * with `ref` and the signed `tally_click`, through the store's shareable discount URL when the
 * campaign applies the creator's code from links and the code is live. Failing to record never breaks
 * the link: the visitor is still sent on (with `ref`, without `tally_click`).
 */
export async function visitReferralLink(
  db: Db,
  input: { slug: string; method: string; headers: Headers; now?: Date; secureCookie?: boolean },
): Promise<ReferralVisit> {
  const resolved = await resolveReferralLink(db, { slug: input.slug, now: input.now });
  if (resolved.kind === "not_found") return { kind: "not_found" };
  if (resolved.kind === "inactive") {
    return { kind: "redirect", location: resolved.storeUrl, outcome: resolved.reason, clickId: null, clickToken: null, appliedCode: null, setCookie: null };
  }

  const { link, landingUrl, applyCode } = resolved;
  const destination = (clickToken: string | null) => {
    const landing = referralDestination(landingUrl, { slug: link.slug, clickToken });
    return applyCode ? shareableDiscountUrl(landing, applyCode) : landing;
  };
  const notHuman = botOrPrefetchReason(input);
  if (notHuman) {
    await countSkipped(db, link, notHuman, input.now);
    return { kind: "redirect", location: destination(null), outcome: notHuman, clickId: null, clickToken: null, appliedCode: applyCode, setCookie: null };
  }

  const secure = input.secureCookie ?? appUrl().startsWith("https:");
  const cookieVisitorId = visitorIdFromCookies(input.headers);
  const { ipHash, userAgentHash } = hashVisitorData({ ip: clientAddress(input.headers), userAgent: userAgentOf(input.headers) });
  let result: RecordClickResult;
  try {
    result = await recordClick(db, {
      link,
      visitorId: cookieVisitorId,
      ipHash,
      userAgentHash,
      referrer: normalizeReferrer(input.headers.get("referer")),
      landingPath: new URL(landingUrl).pathname,
      now: input.now,
    });
  } catch (error) {
    logError("could not record a referral click; redirecting anyway", error, { slug: link.slug });
    return {
      kind: "redirect",
      location: destination(null),
      outcome: "not_recorded_error",
      clickId: null,
      clickToken: null,
      appliedCode: applyCode,
      setCookie: cookieVisitorId ? visitorCookie(cookieVisitorId, { secure, maxAgeDays: CLICK_WINDOW_DAYS }) : null,
    };
  }
  if (result.kind === "rate_limited") await countSkipped(db, link, "rate_limited", input.now);
  const clickId = result.kind === "rate_limited" ? null : result.clickId;
  const clickToken = clickId ? signClickToken(clickId) : null;
  return {
    kind: "redirect",
    location: destination(clickToken),
    outcome: result.kind,
    clickId,
    clickToken,
    appliedCode: applyCode,
    setCookie: visitorCookie(result.visitorId, { secure, maxAgeDays: CLICK_WINDOW_DAYS }),
  };
}

const NO_INDEX = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" };

/** The HTTP answer to a visit: 302 to the store (never cached), or the invalid-link page. */
export function referralVisitResponse(visit: ReferralVisit): Response {
  if (visit.kind === "not_found") return invalidLinkPage(404);
  const headers = new Headers({ ...NO_INDEX, Location: visit.location, "Referrer-Policy": "no-referrer-when-downgrade" });
  if (visit.setCookie) headers.append("Set-Cookie", visit.setCookie);
  return new Response(null, { status: 302, headers });
}

/** A small plain page for a link that does not exist (404) or cannot be followed right now (503). */
export function invalidLinkPage(status: 404 | 503): Response {
  const message =
    status === 404
      ? "This link is not valid. Check that it was copied in full, or ask the person who shared it for a new one."
      : "This link cannot be opened right now. Please try again in a moment.";
  const title = status === 404 ? "This link is not valid" : "Please try again";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">${title}</h1><p>${message}</p></body></html>`;
  return new Response(html, { status, headers: { ...NO_INDEX, "Content-Type": "text/html; charset=utf-8" } });
}
