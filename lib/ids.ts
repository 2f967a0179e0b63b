import { randomBytes } from "node:crypto";

/**
 * Public, prefixed, time-sortable ids: `cmp_01jd8k3v6x9q2w4e5r7t8y9u0a`.
 * 10 Crockford base32 characters of milliseconds, then 16 random ones, so that ids created
 * later sort later (stable cursors) and no id can be guessed from another.
 */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export const ID_PREFIXES = {
  user: "usr",
  workspace: "ws",
  creator: "cre",
  invitation: "inv",
  apiKey: "key",
  audit: "aud",
  shop: "shp",
  delivery: "dlv",
  order: "ord",
  refund: "rfd",
  campaign: "cmp",
  enrollment: "enr",
  conversion: "cnv",
  ledgerEntry: "led",
  click: "clk",
  discountCode: "dsc",
  privacyRequest: "prv",
  syncRun: "syn",
  discoveryProfile: "dcp",
  discoveryUnlock: "unl",
  session: "ses",
  email: "msg",
  payout: "po",
  payoutItem: "poi",
  commissionRule: "rul",
  ruleRun: "rrn",
  payoutRun: "prn",
  reviewRun: "rvw",
  event: "evt",
  webhookEndpoint: "we",
  eventDelivery: "evd",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

function encodeTime(ms: number): string {
  let out = "";
  let n = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

function encodeRandom(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}

export function createId(kind: IdKind, now: number = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(now)}${encodeRandom(16)}`;
}

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9a-hjkmnp-tv-z]{26}$`).test(value);
}
