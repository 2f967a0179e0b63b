/**
 * The attribution window, in days: how long after a click an order can still be credited to it, and
 * how long the `tally_vid` visitor cookie lives. A constant for now; settings may make it per workspace.
 */
export const CLICK_WINDOW_DAYS = 30;

/** A repeat visit by the same visitor to the same link within this many minutes is the same click. */
export const REPEAT_CLICK_MINUTES = 30;

/** Clicks recorded per IP (hash) per link: above this, visitors are still redirected but not recorded. */
export const CLICK_RATE_LIMIT = { limit: 60, windowSeconds: 60 } as const;

/** The first-party visitor cookie set on the app's origin by `/r/{slug}`. */
export const VISITOR_COOKIE = "tally_vid";

/** Query parameters appended to the landing URL, so that the order's `landing_site` carries them. */
export const REF_PARAM = "ref";
export const CLICK_PARAM = "tally_click";
