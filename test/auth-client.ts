import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";

const ORIGIN = "http://localhost:3000";

/** Cookies of a response as one `Cookie` header value (name=value pairs only). */
function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    out[pair!.slice(0, eq)] = pair!.slice(eq + 1);
  }
  return out;
}

const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/**
 * Drives Auth.js's own route handlers (`/api/auth/*`) the way a browser does: CSRF token, then the
 * credentials callback. Returns the answer and the cookie jar after it.
 */
export async function signInThroughAuthJs(input: { email: string; password: string; headers?: Record<string, string>; callbackUrl?: string }) {
  const csrfRes = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: input.headers }));
  const jar = cookiesOf(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email: input.email, password: input.password, callbackUrl: input.callbackUrl ?? `${ORIGIN}/` });
  const res = await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { ...input.headers, "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body,
    }),
  );
  Object.assign(jar, cookiesOf(res));
  const location = res.headers.get("location") ?? "";
  const url = location ? new URL(location, ORIGIN) : null;
  const outcome = url?.searchParams.get("code") === "rate_limited" ? "rate_limited" : url?.searchParams.get("error") ? "invalid" : "ok";
  return { res, jar, location, outcome: outcome as "ok" | "invalid" | "rate_limited", cookie: cookieHeader(jar) };
}

/** The session a cookie header stands for, as `/api/auth/session` answers it (null when signed out). */
export async function sessionOf(cookie: string): Promise<{ user?: { id: string; email: string } } | null> {
  const res = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie } }));
  return (await res.json()) as { user?: { id: string; email: string } } | null;
}

/** Signs out through Auth.js's own sign-out endpoint with the given cookies. */
export async function signOutThroughAuthJs(cookie: string) {
  const csrfRes = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { cookie } }));
  const jar = cookiesOf(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  return handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: [cookie, cookieHeader(jar)].filter(Boolean).join("; ") },
      body: new URLSearchParams({ csrfToken }),
    }),
  );
}
