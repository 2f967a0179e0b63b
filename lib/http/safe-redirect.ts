const BASE = "http://tally.invalid";

/**
 * A redirect target from user input (`callbackUrl`, `redirectTo`): only a same-origin relative path
 * is followed; anything else — `//evil.example/`, `/\evil.example`, `https://evil.example`,
 * `javascript:…`, control characters, an empty value — gives `fallback` (the user's home).
 * Returns the path as the URL parser normalised it, so what is checked is what the browser gets.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  // Browsers read "\" as "/" and drop tabs and newlines in URLs: "/\evil" and "/\t/evil" are "//evil".
  if (!value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value) || value.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}

/**
 * Auth.js's `redirect` callback: a relative path or an absolute URL on the app's own origin is kept
 * (as a path on that origin); anything else goes to the app's home.
 */
export function safeAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const origin = new URL(baseUrl).origin;
  let candidate = url;
  if (!url.startsWith("/")) {
    try {
      const parsed = new URL(url);
      if (parsed.origin !== origin) return `${origin}/`;
      candidate = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    } catch {
      return `${origin}/`;
    }
  }
  return `${origin}${safeRedirectPath(candidate)}`;
}
