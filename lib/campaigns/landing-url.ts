/**
 * Where a campaign's referral links may send visitors. A landing URL must be an `https:` address
 * (`http:` too in development) with no user name or password, on the connected store's domain or on
 * one of the brand's declared storefront domains (or a subdomain of one). It is checked when a
 * campaign is saved and again every time a stored URL is used — to redirect a referral click or
 * to render a link — so a URL that became unacceptable (a domain removed from the settings, a row
 * written before these rules) falls back to the store's home page instead of sending anyone away.
 */
export type LandingPolicy = { shopDomain: string; declaredDomains: readonly string[]; allowHttp: boolean };

/** `http:` landing pages are for development only (a local storefront); production needs https. */
export const allowHttpLandingUrls = () => process.env.NODE_ENV !== "production";

const hostMatches = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Why a landing URL is not acceptable, in words for the form and the API — or null when it is. */
export function landingUrlProblem(raw: string, policy: LandingPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return "Use a full URL, e.g. https://your-store.com/collections/summer.";
  }
  if (url.protocol !== "https:" && !(policy.allowHttp && url.protocol === "http:")) return "Use an https:// address.";
  if (url.username || url.password) return "A landing page cannot carry a user name or password.";
  const host = url.hostname.toLowerCase();
  if (host === policy.shopDomain.toLowerCase()) return null;
  if (policy.declaredDomains.some((d) => hostMatches(host, d.toLowerCase()))) return null;
  const allowed = [policy.shopDomain, ...policy.declaredDomains].join(", ");
  return `Use a page of your store (${allowed}). Add your storefront's own domain under Settings → Storefront domains.`;
}

/** The stored URL when it is still acceptable, else null (callers use the store's home page). */
export function safeLandingUrl(raw: string | null | undefined, policy: LandingPolicy): string | null {
  if (!raw) return null;
  return landingUrlProblem(raw, policy) === null ? new URL(raw.trim()).toString() : null;
}
