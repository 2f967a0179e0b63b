import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/**
 * The client's address, from the TCP socket unless the operator declares reverse proxies
 * (`TRUST_PROXY_HOPS`). Every place that reads an address (sign-in limits, referral clicks, …)
 * goes through `clientAddress`.
 *
 * Why a tag: Next.js does not hand the socket address to route handlers or server actions, and it
 * keeps a client's own `X-Forwarded-For` when one is sent (it only fills the header when absent),
 * so that header alone is whatever the client chose. At start-up the server instrumentation
 * (lib/http/node-request-guards.ts) wraps the HTTP server so that every request carries `x-tally-socket-address:
 * <tag> <address>`, where `<tag>` is a random value of this process: a client cannot forge it, and a
 * request that arrives without a valid tag (only possible in the first instant after start-up,
 * before the wrapper is installed) has no known address.
 */
export const SOCKET_ADDRESS_HEADER = "x-tally-socket-address";

const TAG_KEY = Symbol.for("tally.socketAddressTag");
type Global = typeof globalThis & { [TAG_KEY]?: string };

/** This process's secret tag (shared by every bundle of the process through globalThis). */
export function socketAddressTag(): string {
  const g = globalThis as Global;
  return (g[TAG_KEY] ??= randomBytes(18).toString("base64url"));
}

/** Sets the tagged socket address on a Node request, replacing whatever the client sent under that name. */
export function tagSocketAddress(req: IncomingMessage): void {
  const address = req.socket?.remoteAddress;
  req.headers[SOCKET_ADDRESS_HEADER] = address ? `${socketAddressTag()} ${address}` : `${socketAddressTag()} -`;
}

/** `1.2.3.4`, `[::1]:443`, `1.2.3.4:5678`, `::ffff:1.2.3.4` → the bare address; anything else → null. */
export function normalizeAddress(raw: string | undefined | null): string | null {
  let value = raw?.trim();
  if (!value) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.toLowerCase();
  if (value.startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value : null;
}

/** The socket address of a tagged request, or null when the tag is missing or not this process's. */
export function socketAddress(headers: Headers): string | null {
  const value = headers.get(SOCKET_ADDRESS_HEADER);
  if (!value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== socketAddressTag()) return null;
  return normalizeAddress(value.slice(space + 1));
}

/** `TRUST_PROXY_HOPS`: how many reverse proxies in front of the app append to `X-Forwarded-For`. */
export function trustProxyHops(): number {
  const raw = process.env.TRUST_PROXY_HOPS?.trim();
  if (!raw) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error("TRUST_PROXY_HOPS must be a whole number from 0 to 10.");
  return n;
}

/**
 * The client's address. With no declared proxies (the default), the socket's. With `hops` proxies,
 * the address each proxy saw is appended to `X-Forwarded-For` (the socket address being the
 * nearest proxy), so the client is the entry `hops` places from the right of [...XFF, socket]:
 * entries further left are whatever the client sent and are never trusted. Null when unknown.
 */
export function clientAddress(headers: Headers, hops: number = trustProxyHops()): string | null {
  const socket = socketAddress(headers);
  if (!socket) return null;
  if (hops === 0) return socket;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  const index = chain.length - 1 - hops;
  // Fewer entries than declared proxies: the request did not come through all of them; the
  // leftmost entry is the best we know (it was still written by a proxy or is the socket).
  return normalizeAddress(chain[Math.max(0, index)]);
}

/** Headers for tests: what a request from `address` looks like once tagged by the server. */
export function taggedHeaders(address: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, [SOCKET_ADDRESS_HEADER]: `${socketAddressTag()} ${address}` };
}
