import { describe, expect, it } from "vitest";
import { hashVisitorData } from "./hash-visitor-data";
import { botOrPrefetchReason, isBotOrPrefetch, normalizeReferrer, visitorCookie, visitorIdFromCookies } from "./request-signals";
import { landingBase, referralDestination } from "./resolve-referral-link";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const h = (init: Record<string, string>) => new Headers(init);

describe("botOrPrefetchReason", () => {
  it("people's browsers, including in-app ones, are not bots", () => {
    for (const ua of [
      CHROME,
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.0.29.95",
      "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/470.0.0.42.109;]",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
    ]) {
      expect(botOrPrefetchReason({ method: "GET", headers: h({ "user-agent": ua }) }), ua).toBeNull();
    }
  });

  it("names the reason", () => {
    expect(botOrPrefetchReason({ method: "HEAD", headers: h({ "user-agent": CHROME }) })).toBe("head");
    expect(botOrPrefetchReason({ method: "GET", headers: h({}) })).toBe("no_user_agent");
    expect(botOrPrefetchReason({ method: "GET", headers: h({ "user-agent": "Twitterbot/1.0" }) })).toBe("bot");
    expect(botOrPrefetchReason({ method: "GET", headers: h({ "user-agent": CHROME, "Sec-Purpose": "Prefetch" }) })).toBe("prefetch");
    expect(botOrPrefetchReason({ method: "GET", headers: h({ "user-agent": CHROME, purpose: "preview" }) })).toBe("prefetch");
    expect(isBotOrPrefetch({ method: "GET", headers: h({ "user-agent": CHROME, "sec-fetch-dest": "iframe" }) })).toBe(false);
    expect(isBotOrPrefetch({ method: "GET", headers: h({ "user-agent": CHROME, "x-purpose": "something-else" }) })).toBe(false);
  });
});

describe("hashVisitorData", () => {
  it("is a keyed, stable HMAC: same input same hash, another key another hash, never the raw value", () => {
    const a = hashVisitorData({ ip: "198.51.100.7", userAgent: CHROME }, "secret-one-0123456789");
    const b = hashVisitorData({ ip: "198.51.100.7", userAgent: CHROME }, "secret-one-0123456789");
    const c = hashVisitorData({ ip: "198.51.100.7", userAgent: CHROME }, "secret-two-0123456789");
    expect(a).toEqual(b);
    expect(a.ipHash).not.toBe(c.ipHash);
    expect(a.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.ipHash).not.toBe(a.userAgentHash);
    expect(hashVisitorData({ ip: "x", userAgent: "x" }, "k-0123456789abcdef").ipHash).not.toBe(hashVisitorData({ ip: "x", userAgent: "x" }, "k-0123456789abcdef").userAgentHash);
    expect(hashVisitorData({ ip: null, userAgent: null })).toEqual({ ipHash: null, userAgentHash: null });
  });
});

describe("visitor cookie", () => {
  it("reads only a well-formed tally_vid and writes the attribution window", () => {
    expect(visitorIdFromCookies(h({ cookie: "a=1; tally_vid=AbCdEfGhIjKlMnOpQrSt_-; b=2" }))).toBe("AbCdEfGhIjKlMnOpQrSt_-");
    expect(visitorIdFromCookies(h({ cookie: "tally_vid=short" }))).toBeNull();
    expect(visitorIdFromCookies(h({ cookie: "xtally_vid=AbCdEfGhIjKlMnOpQrSt_-" }))).toBeNull();
    expect(visitorCookie("AbCdEfGhIjKlMnOpQrSt_-", { secure: true })).toBe(
      "tally_vid=AbCdEfGhIjKlMnOpQrSt_-; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure",
    );
  });
});

describe("referral destination", () => {
  it("falls back to the store's home page for a missing or unusable landing URL", () => {
    expect(landingBase(null, "glow.myshopify.com")).toBe("https://glow.myshopify.com/");
    expect(landingBase("javascript:alert(1)", "glow.myshopify.com")).toBe("https://glow.myshopify.com/");
    expect(landingBase("not a url", "glow.myshopify.com")).toBe("https://glow.myshopify.com/");
    expect(landingBase("https://glow.example/p?a=1", "glow.myshopify.com", ["glow.example"])).toBe("https://glow.example/p?a=1");
    expect(landingBase("https://glow.myshopify.com/collections/x", "glow.myshopify.com")).toBe("https://glow.myshopify.com/collections/x");
    // Checked again at every click: not on the store's or a declared domain → the store's home page.
    expect(landingBase("https://glow.example/p?a=1", "glow.myshopify.com")).toBe("https://glow.myshopify.com/");
    expect(landingBase("https://evil.example/", "glow.myshopify.com", ["glow.example"])).toBe("https://glow.myshopify.com/");
  });

  it("keeps the landing query as written and replaces stale ref/tally_click", () => {
    expect(referralDestination("https://s.example/", { slug: "casey-1a2b", clickToken: "clk_1" })).toBe("https://s.example/?ref=casey-1a2b&tally_click=clk_1");
    expect(referralDestination("https://s.example/p?x=a+b&y=%2F&tally_click=zzz&REF=keep", { slug: "c", clickToken: null })).toBe(
      "https://s.example/p?x=a+b&y=%2F&REF=keep&ref=c",
    );
    expect(referralDestination("https://s.example/p?#top", { slug: "c d", clickToken: null })).toBe("https://s.example/p?ref=c%20d#top");
  });

  it("drops the referrer's query", () => {
    expect(normalizeReferrer("https://www.tiktok.com/@casey/video/1?is_from_webapp=1&sender=me")).toBe("https://www.tiktok.com/@casey/video/1");
    expect(normalizeReferrer("android-app://com.instagram.android/")).toBeNull();
    expect(normalizeReferrer(null)).toBeNull();
  });
});
