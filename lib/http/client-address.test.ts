import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, SOCKET_ADDRESS_HEADER, taggedHeaders } from "./client-address";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientAddress", () => {
  it("is the socket's address by default, whatever X-Forwarded-For or X-Real-IP say", () => {
    expect(clientAddress(h(taggedHeaders("198.51.100.7", { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" })), 0)).toBe("198.51.100.7");
  });

  it("is unknown without this process's tag: a client cannot forge the socket header", () => {
    expect(clientAddress(h({ [SOCKET_ADDRESS_HEADER]: "guessed-tag 203.0.113.9" }), 0)).toBeNull();
    expect(clientAddress(h({ "x-forwarded-for": "203.0.113.9" }), 0)).toBeNull();
  });

  it("with declared proxies, counts hops from the right: what the client wrote on the left is never trusted", () => {
    // client → proxy A (appends client) → proxy B (appends A) → app (socket = B)
    const headers = h(taggedHeaders("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.1" }));
    expect(clientAddress(headers, 1)).toBe("10.0.0.1");
    expect(clientAddress(headers, 2)).toBe("198.51.100.7");
    // Fewer entries than declared hops: the leftmost one.
    expect(clientAddress(h(taggedHeaders("10.0.0.2", { "x-forwarded-for": "198.51.100.7" })), 5)).toBe("198.51.100.7");
    expect(clientAddress(h(taggedHeaders("10.0.0.2")), 1)).toBe("10.0.0.2");
  });

  it("normalizes ports, brackets and IPv4-mapped IPv6; rejects anything else", () => {
    expect(normalizeAddress("198.51.100.7:5678")).toBe("198.51.100.7");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });
});
