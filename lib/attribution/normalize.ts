import { normalizeCode } from "@/lib/codes/normalize-code";

/**
 * A code typed at checkout, in the form codes are stored and compared in: surrounding spaces trimmed,
 * ASCII letters upper-cased (`" jane10 "` → `"JANE10"`). Same rule as `normalizeCode` in lib/codes.
 */
export function normalizeCheckoutCode(code: string): string {
  return normalizeCode(code);
}

const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/**
 * An email in the form two addresses of one mailbox share, for self-referral checks only (never for
 * sending): trimmed, lower-cased, the `+tag` dropped from the local part; for gmail.com and
 * googlemail.com (one and the same) the dots of the local part dropped too. Other providers' dots are
 * kept: `jane.doe@example.com` and `janedoe@example.com` may be two people.
 *
 * `"Jane.Doe+x@GoogleMail.com "` → `"janedoe@gmail.com"`. Without an `@`, the trimmed lower-cased text.
 */
export function normalizeEmailForSelfReferral(email: string): string {
  const text = email.trim().toLowerCase();
  const at = text.lastIndexOf("@");
  if (at < 0) return text;
  let local = text.slice(0, at);
  let domain = text.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus >= 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = "gmail.com";
    local = local.replaceAll(".", "");
  }
  return `${local}@${domain}`;
}

/** Whether two emails are one mailbox (`normalizeEmailForSelfReferral`); an empty local part or domain never matches. */
export function sameMailbox(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const na = normalizeEmailForSelfReferral(a);
  const at = na.lastIndexOf("@");
  if (at <= 0 || at === na.length - 1) return false;
  return na === normalizeEmailForSelfReferral(b);
}
