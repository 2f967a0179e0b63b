import { NextRequest } from "next/server";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET, HEAD } from "@/app/r/[slug]/route";
import { clicks, discountCodes, skippedLinkVisits } from "@/db/schema";
import type { Db } from "@/db/client";
import { uniq } from "@/test/factories";
import { CLICK_RATE_LIMIT } from "./constants";
import { hashVisitorData } from "./hash-visitor-data";
import { signClickToken, verifyClickToken } from "./click-token";
import { createReferralLink } from "@/test/referral-links";
import { taggedHeaders } from "@/lib/http/client-address";

const CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const INSTAGRAM_IOS =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.0.29.95";
const HOUR = 60 * 60 * 1000;

let ipCounter = 1;
/** A fresh client IP per test, so that rate limits and repeat detection never leak between tests. */
const freshIp = () => `203.0.${Math.floor(ipCounter / 250) % 250}.${(ipCounter++ % 250) + 1}`;

async function visit(slug: string, headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET") {
  const req = new NextRequest(`http://localhost:3000/r/${encodeURIComponent(slug)}`, { method, headers });
  const handler = method === "HEAD" ? HEAD : GET;
  const res = await handler(req, { params: Promise.resolve({ slug }) });
  const location = res.headers.get("location");
  return { res, status: res.status, location, url: location ? new URL(location) : null, cookie: res.headers.get("set-cookie") };
}

/** A browser on `ip`: the address comes from the (tagged) socket, as the server sees it. */
const browser = (ip: string, extra: Record<string, string> = {}) => taggedHeaders(ip, { "user-agent": CHROME, ...extra });

const clicksOf = (db: Db, enrollmentId: string) => db.select().from(clicks).where(eq(clicks.enrollmentId, enrollmentId));
const skippedOf = (db: Db, enrollmentId: string) =>
  db
    .select({ reason: skippedLinkVisits.reason, visits: skippedLinkVisits.visits })
    .from(skippedLinkVisits)
    .where(eq(skippedLinkVisits.enrollmentId, enrollmentId))
    .orderBy(skippedLinkVisits.reason);

const cookieValue = (setCookie: string | null) => /tally_vid=([^;]+)/.exec(setCookie ?? "")?.[1] ?? null;

describe("GET /r/{slug}", () => {
  it("a browser visit: 302 to the store with ref and tally_click, a click with hashes only, a visitor cookie", async () => {
    const { db, slug, shop, enrollment, campaign, creator, brand } = await createReferralLink();
    const ip = freshIp();
    const r = await visit(slug, browser(ip, { referer: "https://l.instagram.com/?u=https%3A%2F%2Fx&e=secret" }));

    expect(r.status).toBe(302);
    expect(r.res.headers.get("cache-control")).toBe("no-store");
    expect(r.res.headers.get("referrer-policy")).toBe("no-referrer-when-downgrade");
    expect(r.url!.origin).toBe(`https://${shop.domain}`);
    expect(r.url!.pathname).toBe("/");
    expect(r.url!.searchParams.get("ref")).toBe(slug);
    const token = r.url!.searchParams.get("tally_click");
    const check = verifyClickToken(token);
    expect(check.kind).toBe("valid");
    const clickId = check.kind === "valid" ? check.clickId : null;
    expect(token).toBe(signClickToken(clickId!));

    const rows = await clicksOf(db, enrollment.id);
    expect(rows).toHaveLength(1);
    const click = rows[0]!;
    const expected = hashVisitorData({ ip, userAgent: CHROME });
    expect(click).toMatchObject({
      id: clickId,
      workspaceId: brand.workspace.id,
      campaignId: campaign.id,
      creatorId: creator.id,
      ipHash: expected.ipHash,
      userAgentHash: expected.userAgentHash,
      referrer: "https://l.instagram.com/",
    });
    expect(click.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(click)).not.toContain(ip);
    expect(JSON.stringify(click)).not.toContain("Chrome/126");

    expect(r.cookie).toContain(`tally_vid=${click.visitorId}`);
    expect(r.cookie).toMatch(/HttpOnly/i);
    expect(r.cookie).toMatch(/SameSite=Lax/i);
    expect(r.cookie).toMatch(/Max-Age=2592000/);
    expect(r.cookie).toMatch(/Path=\//);
    expect(r.cookie).not.toMatch(/Secure/i); // APP_URL is http://localhost:3000 in tests
  });

  it("X-Forwarded-For and X-Real-IP are not the client's address unless proxies are declared", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const socket = freshIp();
    await visit(slug, taggedHeaders(socket, { "user-agent": CHROME, "x-real-ip": freshIp(), "x-forwarded-for": freshIp() }));
    const [click] = await clicksOf(db, enrollment.id);
    expect(click!.ipHash).toBe(hashVisitorData({ ip: socket, userAgent: null }).ipHash);
  });

  it("bots and link unfurlers are redirected with ref but never recorded, and get no cookie", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const bots = [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
      "WhatsApp/2.23.20.0",
      "curl/8.5.0",
      "python-requests/2.31.0",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36",
    ];
    for (const ua of bots) {
      const r = await visit(slug, taggedHeaders(freshIp(), { "user-agent": ua }));
      expect(r.status, ua).toBe(302);
      expect(r.url!.searchParams.get("ref"), ua).toBe(slug);
      expect(r.url!.searchParams.has("tally_click"), ua).toBe(false);
      expect(r.cookie, ua).toBeNull();
    }
    expect(await clicksOf(db, enrollment.id)).toHaveLength(0);
    // Counted apart, on one counter row per link, day and reason.
    expect(await skippedOf(db, enrollment.id)).toEqual([{ reason: "bot", visits: bots.length }]);
  });

  it("prefetches and previews are not clicks; Sec-Fetch-Dest alone is not a reason", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const prefetches: Record<string, string>[] = [
      { purpose: "prefetch" },
      { "sec-purpose": "prefetch" },
      { "sec-purpose": "prefetch;prerender" },
      { "sec-purpose": "prefetch;anonymous-client-ip" },
      { "x-purpose": "preview" },
      { "x-moz": "prefetch" },
    ];
    for (const h of prefetches) {
      const r = await visit(slug, browser(freshIp(), h));
      expect(r.status, JSON.stringify(h)).toBe(302);
      expect(r.url!.searchParams.get("ref")).toBe(slug);
      expect(r.url!.searchParams.has("tally_click"), JSON.stringify(h)).toBe(false);
    }
    expect(await clicksOf(db, enrollment.id)).toHaveLength(0);
    expect(await skippedOf(db, enrollment.id)).toEqual([{ reason: "prefetch", visits: prefetches.length }]);

    const r = await visit(slug, browser(freshIp(), { "sec-fetch-dest": "empty", "sec-fetch-mode": "navigate" }));
    expect(r.url!.searchParams.has("tally_click")).toBe(true);
    expect(await clicksOf(db, enrollment.id)).toHaveLength(1);
  });

  it("HEAD requests and a missing or blank user agent are redirected but not recorded", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const head = await visit(slug, browser(freshIp()), "HEAD");
    expect(head.status).toBe(302);
    expect(head.url!.searchParams.get("ref")).toBe(slug);
    // The GET handler itself also refuses to record a HEAD request.
    const headViaGet = await GET(new NextRequest(`http://localhost:3000/r/${slug}`, { method: "HEAD", headers: browser(freshIp()) }), {
      params: Promise.resolve({ slug }),
    });
    expect(headViaGet.status).toBe(302);
    for (const headers of [taggedHeaders(freshIp()), taggedHeaders(freshIp(), { "user-agent": "   " })]) {
      const r = await visit(slug, headers);
      expect(r.status).toBe(302);
      expect(r.url!.searchParams.get("ref")).toBe(slug);
      expect(r.url!.searchParams.has("tally_click")).toBe(false);
    }
    expect(await clicksOf(db, enrollment.id)).toHaveLength(0);
  });

  it("a repeat visit within 30 minutes reuses the click (by cookie, or by IP and user agent without one)", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const ip = freshIp();
    const first = await visit(slug, browser(ip));
    const clickId = first.url!.searchParams.get("tally_click");
    const vid = cookieValue(first.cookie);
    expect(vid).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // Same cookie, even from another network and another app.
    const again = await visit(slug, taggedHeaders(freshIp(), { "user-agent": INSTAGRAM_IOS, cookie: `other=1; tally_vid=${vid}` }));
    expect(again.url!.searchParams.get("tally_click")).toBe(clickId);
    expect(cookieValue(again.cookie)).toBe(vid);

    // No cookie (blocked or purged), same IP and browser: the same visitor, and they get their id back.
    const noCookie = await visit(slug, browser(ip));
    expect(noCookie.url!.searchParams.get("tally_click")).toBe(clickId);
    expect(cookieValue(noCookie.cookie)).toBe(vid);

    expect(await clicksOf(db, enrollment.id)).toHaveLength(1);

    // A different person behind the same IP (their own cookie) is a new click.
    const other = await visit(slug, browser(ip, { cookie: "tally_vid=AAAAAAAAAAAAAAAAAAAAAA" }));
    expect(other.url!.searchParams.get("tally_click")).not.toBe(clickId);
    expect(cookieValue(other.cookie)).toBe("AAAAAAAAAAAAAAAAAAAAAA");

    // 31 minutes later the same visitor makes a new click.
    await db.execute(sql`UPDATE clicks SET clicked_at = clicked_at - interval '31 minutes' WHERE enrollment_id = ${enrollment.id}`);
    const later = await visit(slug, browser(freshIp(), { cookie: `tally_vid=${vid}` }));
    const laterId = later.url!.searchParams.get("tally_click");
    expect(laterId).not.toBe(clickId);
    expect(await clicksOf(db, enrollment.id)).toHaveLength(3);
    const [latest] = (await clicksOf(db, enrollment.id)).filter((c) => signClickToken(c.id) === laterId);
    expect(latest!.visitorId).toBe(vid);
  });

  it("an invalid tally_vid cookie is replaced by a fresh id", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const r = await visit(slug, browser(freshIp(), { cookie: "tally_vid=not a valid id<script>" }));
    const vid = cookieValue(r.cookie);
    expect(vid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [click] = await clicksOf(db, enrollment.id);
    expect(click!.visitorId).toBe(vid);
  });

  it("concurrent double taps by one visitor make one click", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const headers = browser(freshIp(), { cookie: "tally_vid=BBBBBBBBBBBBBBBBBBBBBB" });
    const results = await Promise.all(Array.from({ length: 5 }, () => visit(slug, headers)));
    const ids = new Set(results.map((r) => r.url!.searchParams.get("tally_click")));
    expect(ids.size).toBe(1);
    expect(await clicksOf(db, enrollment.id)).toHaveLength(1);
  });

  it("an unknown slug is a plain 404 page", async () => {
    for (const slug of [`nobody-${uniq()}`, "x".repeat(500)]) {
      const r = await visit(slug, browser(freshIp()));
      expect(r.status).toBe(404);
      expect(r.location).toBeNull();
      expect(r.res.headers.get("content-type")).toContain("text/html");
      const body = await r.res.text();
      expect(body).toContain("This link is not valid");
      expect(body).not.toMatch(/Error|at .*\.ts/);
    }
  });

  it("a slug retyped with capitals still works, and ref carries the canonical slug", async () => {
    const { slug } = await createReferralLink();
    const r = await visit(slug.toUpperCase(), browser(freshIp()));
    expect(r.status).toBe(302);
    expect(r.url!.searchParams.get("ref")).toBe(slug);
  });

  it("ended, not started, deleted or removed: to the store's home page without ref, nothing recorded", async () => {
    const past = new Date(Date.now() - HOUR);
    const future = new Date(Date.now() + HOUR);
    const cases = [
      { name: "ended by hand", opts: { campaign: { endedAt: past } } },
      { name: "end passed", opts: { campaign: { endsAt: past } } },
      { name: "not started", opts: { campaign: { startsAt: future, endsAt: new Date(Date.now() + 48 * HOUR) } } },
      { name: "deleted", opts: { campaign: { deletedAt: past } } },
      { name: "removed", opts: { status: "removed" as const } },
      { name: "landing URL is not used either", opts: { campaign: { endedAt: past, landingUrl: "https://example.com/landing?x=1" } } },
    ];
    for (const c of cases) {
      const { db, slug, shop, enrollment } = await createReferralLink(c.opts);
      const r = await visit(slug, browser(freshIp()));
      expect(r.status, c.name).toBe(302);
      expect(r.location, c.name).toBe(`https://${shop.domain}/`);
      expect(r.cookie, c.name).toBeNull();
      expect(r.res.headers.get("cache-control")).toBe("no-store");
      expect(await clicksOf(db, enrollment.id), c.name).toHaveLength(0);
    }
  });

  it("an active campaign with a future end still records", async () => {
    const { db, slug, enrollment } = await createReferralLink({ campaign: { endsAt: new Date(Date.now() + HOUR) } });
    const r = await visit(slug, browser(freshIp()));
    expect(r.url!.searchParams.has("tally_click")).toBe(true);
    expect(await clicksOf(db, enrollment.id)).toHaveLength(1);
  });

  it("a slug no link can have is the invalid-link page (404), never a database error", async () => {
    for (const slug of ["\u0000", "casey\u0000", "x".repeat(300), "../../etc/passwd", "casey 3f9a", "☃"]) {
      const r = await visit(slug, browser(freshIp()));
      expect(r.status, JSON.stringify(slug)).toBe(404);
      expect(await r.res.text()).toContain("This link is not valid");
    }
  });

  it("a stored landing URL that fails the landing rules is never followed: the store's home page instead", async () => {
    for (const landingUrl of ["javascript:alert(1)", "https://evil.example/phish", "https://glow.example.evil.example/", "https://user:pw@glow.example/"]) {
      const { slug, shop } = await createReferralLink({ campaign: { landingUrl } });
      const r = await visit(slug, browser(freshIp()));
      expect(r.status, landingUrl).toBe(302);
      expect(r.url!.origin, landingUrl).toBe(`https://${shop.domain}`);
      expect(r.url!.pathname, landingUrl).toBe("/");
    }
  });

  it("a landing URL keeps its own query and fragment; Tally's parameters are added once", async () => {
    const landingUrl = "https://glow.example/products/serum?variant=123&utm_source=instagram&q=a%20b&ref=old#reviews";
    const { slug } = await createReferralLink({ campaign: { landingUrl } });
    const r = await visit(slug, browser(freshIp()));
    const clickId = r.url!.searchParams.get("tally_click");
    expect(r.location).toBe(`https://glow.example/products/serum?variant=123&utm_source=instagram&q=a%20b&ref=${slug}&tally_click=${clickId}#reviews`);
    expect(r.url!.searchParams.getAll("ref")).toEqual([slug]);
  });

  it("rotating X-Forwarded-For from one socket address does not inflate clicks past the per-address limit", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const socket = freshIp();
    for (let i = 0; i < CLICK_RATE_LIMIT.limit + 10; i++) {
      await visit(slug, taggedHeaders(socket, { "user-agent": `${CHROME} spoof${i}`, "x-forwarded-for": freshIp() }));
    }
    expect(await clicksOf(db, enrollment.id)).toHaveLength(CLICK_RATE_LIMIT.limit);
    // Each click is hashed from the socket address, not from the forged header.
    const [first] = await clicksOf(db, enrollment.id);
    expect(first!.ipHash).toBe(hashVisitorData({ ip: socket, userAgent: null }).ipHash);
  });

  it("above the per-IP rate limit visitors are redirected with ref but nothing more is recorded", async () => {
    const { db, slug, enrollment } = await createReferralLink();
    const ip = freshIp();
    // Distinct user agents and no cookies: each visit looks like a new visitor from the same address.
    for (let i = 0; i < CLICK_RATE_LIMIT.limit; i++) {
      const r = await visit(slug, taggedHeaders(ip, { "user-agent": `${CHROME} r${i}` }));
      expect(r.url!.searchParams.has("tally_click")).toBe(true);
    }
    const over = await visit(slug, taggedHeaders(ip, { "user-agent": `${CHROME} over` }));
    expect(over.status).toBe(302);
    expect(over.url!.searchParams.get("ref")).toBe(slug);
    expect(over.url!.searchParams.has("tally_click")).toBe(false);
    expect(await clicksOf(db, enrollment.id)).toHaveLength(CLICK_RATE_LIMIT.limit);
    expect(await skippedOf(db, enrollment.id)).toEqual([{ reason: "rate_limited", visits: 1 }]);

    // Another address is not affected, and neither is another link from the same address.
    const elsewhere = await visit(slug, browser(freshIp()));
    expect(elsewhere.url!.searchParams.has("tally_click")).toBe(true);
    const otherLink = await createReferralLink();
    const sameIpOtherLink = await visit(otherLink.slug, taggedHeaders(ip, { "user-agent": CHROME }));
    expect(sameIpOtherLink.url!.searchParams.has("tally_click")).toBe(true);
    expect(await clicksOf(db, enrollment.id)).toHaveLength(CLICK_RATE_LIMIT.limit + 1);
  });

  describe("the creator's code applied through the store's shareable discount URL", () => {
    async function linkWithCode(opts: Parameters<typeof createReferralLink>[0] = {}, code: Partial<typeof discountCodes.$inferInsert> = {}) {
      const link = await createReferralLink(opts);
      await link.db.insert(discountCodes).values({
        workspaceId: link.brand.workspace.id,
        shopId: link.shop.id,
        campaignId: link.campaign.id,
        enrollmentId: link.enrollment.id,
        creatorId: link.creator.id,
        code: `CASEY-${uniq()}`.toUpperCase(),
        status: "active",
        activatedAt: new Date(),
        ...code,
      });
      const [row] = await link.db.select().from(discountCodes).where(eq(discountCodes.enrollmentId, link.enrollment.id));
      return { ...link, code: row!.code };
    }

    it("a live code: /discount/{CODE}?redirect={landing path with ref and the signed tally_click}, the click recorded first", async () => {
      const { db, slug, shop, enrollment, code } = await linkWithCode();
      const r = await visit(slug, browser(freshIp()));
      expect(r.status).toBe(302);
      expect(r.url!.origin).toBe(`https://${shop.domain}`);
      expect(r.url!.pathname).toBe(`/discount/${code}`);
      const redirect = r.url!.searchParams.get("redirect")!;
      expect(redirect.startsWith("/?")).toBe(true);
      const landing = new URL(redirect, `https://${shop.domain}`);
      expect(landing.searchParams.get("ref")).toBe(slug);
      const [click] = await clicksOf(db, enrollment.id);
      expect(landing.searchParams.get("tally_click")).toBe(signClickToken(click!.id));
      expect(click!.landingPath).toBe("/");
    });

    it("a landing page on the brand's storefront domain keeps its path, query and fragment inside redirect", async () => {
      const { slug, code } = await linkWithCode({ campaign: { landingUrl: "https://glow.example/products/serum?variant=7#reviews" } });
      const r = await visit(slug, browser(freshIp()));
      expect(r.url!.origin).toBe("https://glow.example");
      expect(r.url!.pathname).toBe(`/discount/${code}`);
      const landing = new URL(r.url!.searchParams.get("redirect")!, "https://glow.example");
      expect(landing.pathname).toBe("/products/serum");
      expect(landing.searchParams.get("variant")).toBe("7");
      expect(landing.hash).toBe("#reviews");
    });

    it("bots get the same discount URL but no click", async () => {
      const { db, slug, enrollment, code } = await linkWithCode();
      const r = await visit(slug, taggedHeaders(freshIp(), { "user-agent": "facebookexternalhit/1.1" }));
      expect(r.url!.pathname).toBe(`/discount/${code}`);
      expect(new URL(r.url!.searchParams.get("redirect")!, "https://x.example").searchParams.has("tally_click")).toBe(false);
      expect(await clicksOf(db, enrollment.id)).toHaveLength(0);
    });

    it("the campaign setting off, or a deactivated, failed or pending code: the plain landing page, nothing said", async () => {
      const cases = [
        await linkWithCode({}, { status: "deactivated", deactivatedAt: new Date() }),
        await linkWithCode({}, { status: "failed" }),
        await linkWithCode({}, { status: "pending" }),
      ];
      const off = await linkWithCode();
      await off.db.execute(sql`UPDATE campaigns SET apply_code_from_links = false WHERE id = ${off.campaign.id}`);
      for (const link of [...cases, off]) {
        const r = await visit(link.slug, browser(freshIp()));
        expect(r.status).toBe(302);
        expect(r.url!.pathname).toBe("/");
        expect(r.url!.searchParams.get("ref")).toBe(link.slug);
        expect(verifyClickToken(r.url!.searchParams.get("tally_click")).kind).toBe("valid");
      }
    });

    it("an ended campaign's link never applies its code", async () => {
      const { slug, shop } = await linkWithCode({ campaign: { endedAt: new Date(Date.now() - HOUR) } });
      const r = await visit(slug, browser(freshIp()));
      expect(r.location).toBe(`https://${shop.domain}/`);
    });
  });
});
