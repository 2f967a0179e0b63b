import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { AppError } from "@/lib/errors";
import { isProduction } from "@/lib/env";

/**
 * Where Tally may send a brand's events. In production: https only, and never to a private,
 * loopback, link-local, shared (CGNAT), multicast or otherwise reserved address — checked on the
 * form and again before every attempt (a name can resolve elsewhere later), so an endpoint can never
 * make Tally call into its own network (SSRF). Origins listed in TALLY_WEBHOOK_PRIVATE_ORIGINS
 * (`http://10.0.0.5:8080,…`) are allowed anyway (an operator's own receivers, tests).
 * In development any http(s) URL is allowed (receivers on localhost).
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6 && address.toLowerCase().startsWith("::ffff:")) {
    // An IPv4 address written as IPv6: judge the IPv4 one.
    const v4 = address.slice(7);
    return isIP(v4) === 4 ? !blocked.check(v4, "ipv4") : false;
  }
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

function allowedPrivateOrigins(): Set<string> {
  return new Set(
    (process.env.TALLY_WEBHOOK_PRIVATE_ORIGINS ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  );
}

const urlError = (message: string) => new AppError("validation_failed", message, { fields: { url: [message] } });

/** The URL's shape (a 422 naming `url`): what can be said without the network. */
export function parseEndpointUrl(raw: string, production: boolean = isProduction()): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw urlError("Enter a full URL, e.g. https://example.com/webhooks/tally.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw urlError("The URL must start with https://.");
  if (url.username || url.password) throw urlError("Put no user name or password in the URL: check the webhook-signature header instead.");
  if (url.hash) throw urlError("Leave out the #fragment: it is never sent.");
  if (raw.length > 2000) throw urlError("The URL is too long (at most 2,000 characters).");
  if (production && !allowedPrivateOrigins().has(url.origin) && url.protocol !== "https:") throw urlError("The URL must start with https:// (http is only for development).");
  return url;
}

/**
 * The addresses to send to, all of them public in production (else a 422 naming `url`, in words a
 * brand can act on). A name that does not resolve is refused too.
 */
export async function checkEndpointAddress(url: URL, production: boolean = isProduction()): Promise<void> {
  if (!production || allowedPrivateOrigins().has(url.origin)) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw urlError(`${host} could not be found (DNS). Check the host name.`);
    }
  }
  const inside = addresses.find((a) => !isPublicAddress(a));
  if (inside) {
    throw urlError(`${host} points to a private, loopback or link-local address (${inside}). Tally only sends events to public addresses.`);
  }
}
