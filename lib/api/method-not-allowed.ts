import { AppError, errorResponse } from "@/lib/errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const ALL: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type Handler = (req: Request) => Promise<Response>;

/**
 * Answers for the methods a route does not implement: 405 with the contract's JSON error and an
 * `Allow` header (Next.js alone answers 405 with an empty body). A route file exports them next to
 * its real handlers: `export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);`.
 * Without GET, HEAD is refused the same way (Next derives HEAD from GET otherwise).
 */
export function methodsNotAllowed<const A extends readonly HttpMethod[]>(allowed: A): Record<Exclude<HttpMethod, A[number]>, Handler> & { HEAD?: Handler } {
  const allow = allowed.join(", ");
  const refuse: Handler = async (req) =>
    errorResponse(new AppError("method_not_allowed", `${req.method} is not supported here. Use ${allow}.`, { allowed: [...allowed] }), { Allow: allow });
  const out: Record<string, Handler> = {};
  for (const method of ALL) if (!allowed.includes(method)) out[method] = refuse;
  if (!allowed.includes("GET")) out.HEAD = refuse;
  return out as Record<Exclude<HttpMethod, A[number]>, Handler> & { HEAD?: Handler };
}

/** Every method answers 404 with the JSON error: the catch-all for paths no API route has. */
export function unknownApiPath(): Record<HttpMethod | "HEAD" | "OPTIONS", Handler> {
  const handler: Handler = async (req) => errorResponse(new AppError("not_found", `There is no ${new URL(req.url).pathname}. See /api/v1/openapi.json.`));
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, HEAD: handler, OPTIONS: handler };
}
