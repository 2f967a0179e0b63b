import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * A click's public token, as carried by `?tally_click=` and the `_tally_click` cart attribute:
 * `{clickId}.{signature}`, where the signature is 128 bits of HMAC-SHA256 over the click id with a
 * key derived from AUTH_SECRET (HKDF, its own label). Click ids are already unguessable (80 random
 * bits); the signature lets attribution tell a tampered or invented token ("tampered") from a real
 * one whose click is unknown here (another workspace's, or deleted), without a database read, and
 * keeps shoppers from pasting someone else's click id into their cart.
 */
const KEY_INFO = "tally/clicks/click-token/v1";
const CLICK_ID = /^clk_[0-9a-z]{26}$/;
const TOKEN = /^(clk_[0-9a-z]{26})\.([A-Za-z0-9_-]{22})$/;

let cached: { secret: string; key: Buffer } | undefined;

function tokenKey(secret: string): Buffer {
  if (cached?.secret !== secret) cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", KEY_INFO, 32)) };
  return cached.key;
}

const signature = (clickId: string, secret: string) =>
  createHmac("sha256", tokenKey(secret)).update(clickId, "utf8").digest().subarray(0, 16).toString("base64url");

export function signClickToken(clickId: string, secret: string = authSecret()): string {
  if (!CLICK_ID.test(clickId)) throw new Error("not a click id");
  return `${clickId}.${signature(clickId, secret)}`;
}

export type ClickTokenCheck =
  /** The signature holds: `clickId` was issued by this Tally. */
  | { kind: "valid"; clickId: string }
  /** A bare click id (links followed before tokens were signed): only trusted together with its link's `ref`. */
  | { kind: "unsigned"; clickId: string }
  /** Shaped like a token, but the signature does not hold: edited, invented, or signed with another secret. */
  | { kind: "tampered" }
  /** Not a click token at all. */
  | { kind: "malformed" };

export function verifyClickToken(raw: string | null | undefined, secret: string = authSecret()): ClickTokenCheck {
  const value = (raw ?? "").trim();
  if (CLICK_ID.test(value)) return { kind: "unsigned", clickId: value };
  const m = TOKEN.exec(value);
  if (!m) return value.startsWith("clk_") ? { kind: "tampered" } : { kind: "malformed" };
  const [, clickId, sig] = m;
  const expected = Buffer.from(signature(clickId!, secret));
  const given = Buffer.from(sig!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { kind: "valid", clickId: clickId! } : { kind: "tampered" };
}
