/**
 * The browser protections every response carries. Two layers:
 * - static headers for every path, set by next.config.ts (`STATIC_SECURITY_HEADERS`): no MIME
 *   sniffing, no framing, a referrer that never leaves the origin with its path;
 * - per request, set by proxy.ts: a strict Content-Security-Policy with a fresh nonce on pages
 *   (Next.js puts the nonce on its own scripts), a no-content policy on API answers, and
 *   Strict-Transport-Security in production when the app is served over https.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** For answers that are not HTML (JSON, CSV, redirects): nothing may load, nothing may frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = "max-age=63072000; includeSubDomains";

/** A fresh nonce: 128 random bits, base64 (the CSP `nonce-` source form). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' policy (Next.js's strict nonce CSP): scripts only with this request's nonce (and what
 * they load, `strict-dynamic`); styles from the app or with the nonce — style *attributes* are
 * allowed, because server-rendered progress bars set a width and an attribute cannot run code; no
 * plugins, no `<base>`, no framing; forms post only to the app — and to Shopify, where the "Connect
 * with Shopify" form's install redirect goes (`formTargets`).
 * Development adds what React's dev tools and Next's overlay need (`eval` for server stacks,
 * inline styles) — never in production.
 */
export function contentSecurityPolicy(input: { nonce: string; dev: boolean; https: boolean; formTargets?: string[] }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${input.nonce}' 'strict-dynamic'${input.dev ? " 'unsafe-eval'" : ""}`,
    input.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${input.nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${(input.formTargets ?? []).map((t) => ` ${t}`).join("")}`,
    "frame-ancestors 'none'",
    ...(input.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Where the Shopify install form's redirect may go: any store's admin, or the configured Admin origin (simulator). */
export function shopifyFormTargets(adminOrigin: string | undefined): string[] {
  const targets = ["https://*.myshopify.com", "https://admin.shopify.com"];
  if (adminOrigin) {
    try {
      targets.push(new URL(adminOrigin).origin);
    } catch {
      /* not a URL: env validation reports it */
    }
  }
  return targets;
}
