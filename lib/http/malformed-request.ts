import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";

const CONTROL = /[\u0000-\u001f\u007f]/;
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;

/**
 * Why a request cannot be served, before any route sees it — or null when it is fine. These are
 * inputs no browser or integrator sends, which Next.js or Postgres would otherwise answer with a 500
 * (a percent-encoding that is not UTF-8 fails while decoding route parameters; a NUL cannot be
 * stored in Postgres text; a router-state header Next cannot parse throws during rendering):
 * - a path whose percent-encoding does not decode (`/r/%C0%AF`), or that holds control characters
 *   (`/r/%00`);
 * - a query string with control characters;
 * - a `Next-Router-State-Tree` header that Next.js's own parser rejects.
 */
export function malformedRequestReason(input: { rawPath: string; rawQuery: string; routerStateTree: string | null }): string | null {
  let path: string;
  try {
    path = decodeURIComponent(input.rawPath);
  } catch {
    return "The URL's path is not valid percent-encoded UTF-8.";
  }
  if (CONTROL.test(path)) return "The URL's path contains control characters.";
  if (ENCODED_CONTROL.test(input.rawQuery) || CONTROL.test(input.rawQuery)) return "The URL's query contains control characters.";
  if (input.routerStateTree !== null) {
    try {
      parseAndValidateFlightRouterState(input.routerStateTree);
    } catch {
      return "The Next-Router-State-Tree header is not valid.";
    }
  }
  return null;
}
