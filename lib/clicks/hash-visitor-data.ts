import { createHmac, hkdfSync } from "node:crypto";
import { authSecret } from "@/lib/env";

const KEY_INFO = "tally/clicks/visitor-hash/v1";

let cached: { secret: string; key: Buffer } | undefined;

/** A key for visitor hashes only, derived from AUTH_SECRET (HKDF-SHA256), never the secret itself. */
function visitorHashKey(secret: string): Buffer {
  if (cached?.secret !== secret) {
    cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", KEY_INFO, 32)) };
  }
  return cached.key;
}

const hmac = (key: Buffer, label: string, value: string) => createHmac("sha256", key).update(`${label}\0${value}`, "utf8").digest("hex");

/**
 * HMAC-SHA256 (hex) of a visitor's IP address and user agent, keyed by a key derived from
 * `authSecret()`: the same visitor hashes the same way, and no raw IP or user agent is ever stored.
 * The label keeps an IP and a user agent that happen to be equal strings from hashing alike.
 * Rotating AUTH_SECRET changes every hash (repeat detection starts over; nothing else depends on them).
 */
export function hashVisitorData(
  input: { ip: string | null; userAgent: string | null },
  secret: string = authSecret(),
): { ipHash: string | null; userAgentHash: string | null } {
  const key = visitorHashKey(secret);
  return {
    ipHash: input.ip ? hmac(key, "ip", input.ip) : null,
    userAgentHash: input.userAgent ? hmac(key, "ua", input.userAgent) : null,
  };
}
