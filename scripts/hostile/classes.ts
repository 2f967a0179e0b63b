import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIXTURES_DIR } from "@tally/shopify-simulator/fixtures";
import type postgres from "postgres";
import type { HostileRequest, HostileResponse } from "./http";

/** One tenant of the run: a brand with a store, a live campaign, a creator with a code and a link. */
export type Tenant = {
  slug: string;
  email: string;
  password: string;
  apiKey: string;
  cookie: string;
  workspaceId: string;
  campaignId: string;
  creatorId: string;
  orderId: string;
  shopifyOrderId: number;
  shopDomain: string;
  referralSlug: string;
  code: string;
};

export type HostileContext = {
  /** Sends one request and counts its answer for the class; `check` returns a failure in words, or null. */
  send(req: HostileRequest, check?: (res: HostileResponse) => string | null): Promise<HostileResponse>;
  /** A signed Shopify webhook to the intake (HMAC over exactly these bytes). */
  webhook(topic: string, body: string | Buffer, shopDomain: string, check?: (res: HostileResponse) => string | null): Promise<HostileResponse>;
  signInAuthJs(input: { email: string; password: string; callbackUrl?: string; from?: string; headers?: Record<string, string> }): Promise<HostileResponse>;
  /** Records a failed check that is not about one answer (e.g. too many attempts got through). */
  fail(message: string): void;
  a: Tenant;
  b: Tenant;
  origin: string;
  sql: postgres.Sql;
  repeat: number;
};

export type HostileClass = {
  name: string;
  about: string;
  /** Tables no request of this class may change (compared row by row before and after). */
  untouched: readonly string[];
  /** 5xx statuses this class is documented to answer (e.g. 503 "not configured"); others count as 5xx. */
  allowed5xx?: readonly number[];
  run(ctx: HostileContext): Promise<void>;
  /** Rows that changed but should not have, beyond `untouched` (e.g. clicks over the rate limit). */
  extraRowsChanged?(ctx: HostileContext): Promise<number>;
};

/** Every table a hostile request must leave alone unless its class says otherwise. */
export const STABLE_TABLES = [
  "users",
  "workspaces",
  "memberships",
  "api_keys",
  "shops",
  "campaigns",
  "enrollments",
  "discount_codes",
  "creators",
  "workspace_creators",
  "orders",
  "refunds",
  "conversions",
  "ledger_entries",
  "clicks",
  "webhook_deliveries",
  "privacy_requests",
  "invitations",
  "password_reset_tokens",
] as const;
const without = (...tables: string[]) => STABLE_TABLES.filter((t) => !tables.includes(t));

const orderTemplate = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "orders-create-single-code.json"), "utf8")) as Record<string, unknown>;
let nextOrderId = 8_100_000_000;

/** A realistic orders/create body (Shopify's shape) with overrides. */
export function orderBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  const id = nextOrderId++;
  const now = new Date().toISOString();
  return { ...orderTemplate, id, name: `#H${id}`, created_at: now, updated_at: now, ...over };
}

export function hmac(secret: string, body: string | Buffer): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

export function webhookHeaders(topic: string, shopDomain: string, signature: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-shopify-topic": topic,
    "x-shopify-hmac-sha256": signature,
    "x-shopify-shop-domain": shopDomain,
    "x-shopify-api-version": "2026-07",
    "x-shopify-webhook-id": randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
    "x-shopify-event-id": randomUUID(),
  };
}

const is4xx = (res: HostileResponse) => (res.status >= 400 && res.status < 500 ? null : `expected a 4xx, got ${res.status}`);
const isStatus = (...statuses: number[]) => (res: HostileResponse) => (statuses.includes(res.status) ? null : `expected ${statuses.join("/")}, got ${res.status}`);
const jsonError = (code?: string) => (res: HostileResponse) => {
  try {
    const body = JSON.parse(res.body) as { error?: { code?: string; message?: string } };
    if (!body.error?.code || !body.error.message) return `not the JSON error object: ${res.body.slice(0, 80)}`;
    if (code && body.error.code !== code) return `expected error code ${code}, got ${body.error.code}`;
    return null;
  } catch {
    return `not JSON (${res.status}): ${res.body.slice(0, 80)}`;
  }
};
const all =
  (...checks: ((res: HostileResponse) => string | null)[]) =>
  (res: HostileResponse) => {
    for (const c of checks) {
      const failure = c(res);
      if (failure) return failure;
    }
    return null;
  };
const times = async (n: number, fn: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < n; i++) await fn(i);
};

const OFF_SITE = ["//evil.example/", "/\\evil.example", "https://evil.example/", "http://evil.example", "/\\/evil.example", "javascript:alert(1)", "https:evil.example", "//evil.example/%2F..", "https://localhost.evil.example/"];

/**
 * The classes of hostile input of issue 15. Add a class by appending an object: it gets its own
 * line in the report (requests, statuses, 5xx, rows changed that should not have, failed checks).
 */
export const HOSTILE_CLASSES: HostileClass[] = [
  {
    name: "open-redirect",
    about: "callbackUrl / redirect targets off the site, signed in and while signing in",
    untouched: STABLE_TABLES,
    async run(ctx) {
      const stays = (res: HostileResponse) => {
        if (!res.location) return null;
        const target = new URL(res.location, ctx.origin);
        return target.origin === ctx.origin ? null : `redirected off the site to ${res.location}`;
      };
      await times(ctx.repeat, async () => {
        for (const target of OFF_SITE) {
          const q = encodeURIComponent(target);
          await ctx.send({ path: `/sign-in?callbackUrl=${q}`, headers: { cookie: ctx.a.cookie } }, stays);
          await ctx.send({ path: `/sign-in?callbackUrl=${q}` }, stays);
          await ctx.send({ path: `/api/auth/signin?callbackUrl=${q}` }, stays);
          const signIn = await ctx.signInAuthJs({ email: ctx.a.email, password: ctx.a.password, callbackUrl: target });
          const failure = stays(signIn);
          if (failure) ctx.fail(`sign-in: ${failure}`);
        }
      });
    },
  },
  {
    name: "spoofed-forwarding",
    about: "rotating X-Forwarded-For / X-Real-IP / Forwarded from one socket: sign-in limit and referral clicks",
    untouched: without("clicks"),
    async run(ctx) {
      const socket = "127.0.0.7";
      let passed = 0;
      await times(70 * ctx.repeat, async (i) => {
        const res = await ctx.signInAuthJs({
          email: `nobody-${i}@example.com`,
          password: "guess",
          from: socket,
          headers: { "x-forwarded-for": `203.0.113.${(i % 250) + 1}`, "x-real-ip": `198.51.100.${(i % 250) + 1}`, forwarded: `for=192.0.2.${(i % 250) + 1}` },
        });
        if (!/code=rate_limited/.test(res.location ?? "")) passed++;
      });
      // 50 failures per address per quarter hour: anything beyond means the spoofed headers were believed.
      if (passed > 50) ctx.fail(`${passed} sign-in attempts from one socket got past the 50-per-address limit`);
      await times(80 * ctx.repeat, (i) =>
        ctx.send(
          {
            path: `/r/${ctx.a.referralSlug}`,
            from: "127.0.0.8",
            headers: { "user-agent": `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0.0.0 Safari/537.36 r${i}`, "x-forwarded-for": `203.0.113.${(i % 250) + 1}` },
          },
          isStatus(302),
        ),
      );
    },
    async extraRowsChanged(ctx) {
      // Clicks per address per link per minute are capped at 60: more means a spoofed address was counted.
      const [row] = await ctx.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM clicks WHERE workspace_id = ${ctx.a.workspaceId}`;
      return Math.max(0, row!.n - 60);
    },
  },
  {
    name: "webhook-nul",
    about: "signed webhook bodies with NUL characters (escaped and raw) or bytes that are not UTF-8",
    untouched: ["conversions", "ledger_entries", "refunds"],
    async run(ctx) {
      const ok = isStatus(200);
      await times(ctx.repeat, async () => {
        await ctx.webhook("orders/create", JSON.stringify(orderBody({ note: "before\u0000after" })), ctx.a.shopDomain, ok);
        await ctx.webhook("orders/create", JSON.stringify(orderBody({ email: "a\u0000b@example.com" })), ctx.a.shopDomain, ok);
        await ctx.webhook("orders/create", JSON.stringify(orderBody({ discount_codes: [{ code: `${ctx.a.code}\u0000`, amount: "1.00", type: "fixed_amount" }] })), ctx.a.shopDomain, ok);
        const raw = Buffer.from(JSON.stringify(orderBody({ note: "RAWNUL" })).replace("RAWNUL", "raw\u0000nul"), "utf8");
        await ctx.webhook("orders/updated", raw, ctx.a.shopDomain, ok);
        // Not UTF-8 at all (an overlong "/"): stored as bytes, acknowledged, failed with its reason.
        await ctx.webhook("orders/create", Buffer.concat([Buffer.from('{"id": 1, "name": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), ctx.a.shopDomain, ok);
        await ctx.webhook("refunds/create", JSON.stringify({ id: nextOrderId++, order_id: 1, note: "\u0000", created_at: new Date().toISOString(), refund_line_items: [], transactions: [], order_adjustments: [] }), ctx.a.shopDomain, ok);
        await ctx.webhook("customers/redact", JSON.stringify({ shop_domain: ctx.a.shopDomain, customer: { id: 1, email: "\u0000@example.com" }, orders_to_redact: [] }), ctx.a.shopDomain, ok);
      });
    },
  },
  {
    name: "webhook-bom",
    about: "signed webhook bodies starting with a UTF-8 BOM (HMAC over the bytes as sent)",
    untouched: ["conversions", "ledger_entries", "refunds"],
    async run(ctx) {
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      await times(5 * ctx.repeat, (i) =>
        ctx.webhook(i % 2 ? "orders/updated" : "orders/create", Buffer.concat([bom, Buffer.from(JSON.stringify(orderBody()), "utf8")]), ctx.a.shopDomain, isStatus(200)),
      );
    },
  },
  {
    name: "webhook-absurd-numbers",
    about: "negative or absurd amounts and quantities, ids beyond bigint, on a code-carrying order and a real one",
    untouched: ["conversions", "ledger_entries", "refunds"],
    async run(ctx) {
      const ok = isStatus(200);
      const withCode = (over: Record<string, unknown>) =>
        orderBody({
          discount_codes: [{ code: ctx.a.code, amount: "1.00", type: "fixed_amount" }],
          discount_applications: [{ target_type: "line_item", type: "discount_code", value: "1.0", value_type: "fixed_amount", allocation_method: "across", target_selection: "all", code: ctx.a.code }],
          ...over,
        });
      const lineItems = (orderTemplate.line_items as Record<string, unknown>[]) ?? [];
      await times(ctx.repeat, async () => {
        const bodies: string[] = [
          JSON.stringify(withCode({ subtotal_price: "-100.00", current_subtotal_price: "-100.00", current_subtotal_price_set: { shop_money: { amount: "-100.00", currency_code: "USD" }, presentment_money: { amount: "-100.00", currency_code: "USD" } } })),
          JSON.stringify(withCode({ line_items: lineItems.map((l) => ({ ...l, price: "-50.00", quantity: -3 })) })),
          JSON.stringify(withCode({ line_items: lineItems.map((l) => ({ ...l, quantity: 1e20 })) })),
          JSON.stringify(withCode({ subtotal_price: "99999999999999999999.99", total_price: "1e308" })),
          JSON.stringify(withCode({ id: 999 })).replace('"id":999', '"id":9223372036854775808'),
          JSON.stringify(withCode({ customer: { id: 18446744073709551616 } })),
        ];
        for (const body of bodies) await ctx.webhook("orders/create", body, ctx.a.shopDomain, ok);
        // Refunds of the real, attributed $25 order: negative, absurd, beyond bigint.
        for (const amount of ["-100.00", "99999999.99", "1e308"]) {
          const refund = {
            id: nextOrderId++,
            order_id: ctx.a.shopifyOrderId,
            created_at: new Date().toISOString(),
            note: "hostile",
            refund_line_items: [{ id: nextOrderId++, line_item_id: 1, quantity: 1, subtotal: amount, total_tax: "0.00", subtotal_set: { shop_money: { amount, currency_code: "USD" }, presentment_money: { amount, currency_code: "USD" } } }],
            transactions: [{ id: nextOrderId++, amount, kind: "refund", status: "success" }],
            order_adjustments: [],
          };
          await ctx.webhook("refunds/create", JSON.stringify(refund), ctx.a.shopDomain, ok);
        }
      });
    },
  },
  {
    name: "api-numbers",
    about: "oversized, negative and non-finite numbers in API v1 bodies and queries",
    untouched: STABLE_TABLES,
    async run(ctx) {
      const auth = { authorization: `Bearer ${ctx.a.apiKey}`, "content-type": "application/json" };
      const campaign = (over: string) =>
        `{"name":"Hostile","starts_at":"2026-01-01T00:00:00Z","discount":{"type":"fixed_amount","value":500},"commission_rate_bps":1500${over}}`;
      const bodies = [
        campaign(',"discount":{"type":"fixed_amount","value":2147483648}'),
        campaign(',"discount":{"type":"fixed_amount","value":1e20}'),
        campaign(',"discount":{"type":"fixed_amount","value":-1}'),
        campaign(',"discount":{"type":"percentage","value":1e308}'),
        campaign(',"discount":{"type":"percentage","value":-0.0001}'),
        campaign(',"discount":{"type":"fixed_amount","value":"500"}'),
        campaign(',"commission_rate_bps":9007199254740993'),
        campaign(',"commission_rate_bps":-5'),
        campaign(',"commission_rate_bps":12.5'),
        campaign(',"discount":{"type":"fixed_amount","value":NaN}'),
        campaign(',"discount":{"type":"fixed_amount","value":Infinity}'),
        campaign(',"starts_at":"+275760-09-13T00:00:00.000Z"'),
        campaign(',"ends_at":"99999-01-01T00:00:00Z"'),
        campaign(',"landing_url":"javascript:alert(1)"'),
        campaign(',"name":"' + "x".repeat(100_000) + '"'),
      ];
      await times(ctx.repeat, async () => {
        for (const body of bodies) await ctx.send({ method: "POST", path: "/api/v1/campaigns", headers: auth, body }, all(is4xx, jsonError()));
        for (const q of ["limit=1e20", "limit=-1", "limit=0", "limit=abc", "limit=200.5", "cursor=%2F%2F%2F", "cursor=" + "A".repeat(5000), "updated_since=yesterday", "updated_since=99999-01-01T00:00:00Z", "campaign_id=" + "x".repeat(5000)]) {
          await ctx.send({ path: `/api/v1/conversions?${q}`, headers: auth }, all(is4xx, jsonError()));
        }
        for (const q of ["range=custom&from=99999-01-01&to=99999-01-02", "range=custom&from=2026-13-01&to=2026-13-02", "range=custom&from=1900-01-01&to=2100-01-01", "range=1e20", "range=custom"]) {
          await ctx.send({ path: `/api/v1/campaigns/${ctx.a.campaignId}/stats?${q}`, headers: auth }, all(is4xx, jsonError()));
        }
        await ctx.send({ method: "PATCH", path: `/api/v1/campaigns/${ctx.a.campaignId}`, headers: auth, body: '{"ends_at":"-271821-04-20T00:00:00Z"}' }, all(is4xx, jsonError()));
        await ctx.send({ method: "POST", path: `/api/v1/campaigns/${ctx.a.campaignId}/creators`, headers: auth, body: JSON.stringify({ creators: Array.from({ length: 501 }, (_, i) => ({ email: `c${i}@example.com`, full_name: "C" })) }) }, all(is4xx, jsonError()));
      });
    },
  },
  {
    name: "malformed-paths",
    about: "bad percent-encoding, NUL and control characters, traversal, absurd lengths",
    untouched: STABLE_TABLES,
    async run(ctx) {
      const cookie = { cookie: ctx.a.cookie };
      const auth = { authorization: `Bearer ${ctx.a.apiKey}` };
      const paths: [string, Record<string, string>][] = [
        ["/r/%00", {}],
        ["/r/%C0%AF", {}],
        ["/r/%E0%A4%A", {}],
        ["/r/%ff%fe", {}],
        ["/r/a%0Ab", {}],
        ["/r/" + "a".repeat(5000), {}],
        ["/r/..%2F..%2Fetc%2Fpasswd", {}],
        [`/brand/${ctx.a.slug}/campaigns/%00`, cookie],
        [`/brand/${ctx.a.slug}/campaigns/%C0%AF`, cookie],
        [`/brand/${ctx.a.slug}/orders/ord_%00`, cookie],
        [`/brand/${ctx.a.slug}/orders/` + "9".repeat(3000), cookie],
        ["/brand/%00/campaigns", cookie],
        ["/brand/%E2%80%AE", cookie],
        [`/brand/${ctx.a.slug}/conversions?creator=%00`, cookie],
        [`/brand/${ctx.a.slug}/conversions?campaign=cmp_%C0%AF`, cookie],
        ["/api/v1/campaigns/%00", auth],
        ["/api/v1/campaigns/%C0%AF", auth],
        ["/api/v1/campaigns/" + "x".repeat(3000), auth],
        ["/api/v1/creators/%2e%2e%2f", auth],
        ["/api/v1/conversions?campaign_id=%00", auth],
        ["/api/v1/nothing/here", auth],
        ["/api/nothing", {}],
        ["/invite/%00", {}],
        ["/reset-password/%C0%AF", {}],
        ["/%E0%A4%A", {}],
        ["/" + "x/".repeat(2000) + "x", {}],
      ];
      await times(ctx.repeat, async () => {
        for (const [path, headers] of paths) await ctx.send({ path, headers }, is4xx);
      });
    },
  },
  {
    name: "malformed-headers",
    about: "router-state headers, garbage cookies and keys, lying content types",
    untouched: STABLE_TABLES,
    async run(ctx) {
      const trees = ["garbage", "[1]", "%E0%A4%A", '["",{"children":["x",{}]},null,null,true]', "[".repeat(5000), JSON.stringify(["", {}]).repeat(3000)];
      await times(ctx.repeat, async () => {
        for (const tree of trees) {
          for (const path of ["/sign-in", `/brand/${ctx.a.slug}`]) {
            const headers = { rsc: "1", "next-router-state-tree": tree, cookie: ctx.a.cookie };
            const first = await ctx.send({ path, headers }, (res) => (res.status >= 500 ? `5xx ${res.status}` : null));
            // Next answers a cache-busting redirect first; follow it once, as a client would.
            if (first.status === 307 && first.location?.includes("_rsc=")) await ctx.send({ path: new URL(first.location, ctx.origin).pathname + new URL(first.location, ctx.origin).search, headers }, is4xx);
          }
        }
        for (const cookie of ["authjs.session-token=garbage", "authjs.session-token=" + "A".repeat(4000), "authjs.session-token.0=x; authjs.session-token.1=y", "tally_vid=%00"]) {
          await ctx.send({ path: `/brand/${ctx.a.slug}`, headers: { cookie } }, (res) => (res.status >= 500 ? `5xx ${res.status}` : null));
          await ctx.send({ path: "/api/creator/earnings", headers: { cookie } }, all(is4xx, jsonError()));
        }
        for (const authorization of ["Bearer", "Bearer " + "x".repeat(10_000), "Basic dXNlcjpwYXNz", "Bearer tly_' OR 1=1 --", `Bearer ${ctx.a.apiKey}x`]) {
          await ctx.send({ path: "/api/v1/campaigns", headers: { authorization } }, all(isStatus(401), jsonError("unauthorized")));
        }
        const auth = { authorization: `Bearer ${ctx.a.apiKey}` };
        await ctx.send({ method: "POST", path: "/api/v1/campaigns", headers: { ...auth, "content-type": "text/plain" }, body: "name=x" }, all(is4xx, jsonError()));
        await ctx.send({ method: "POST", path: "/api/v1/campaigns", headers: { ...auth, "content-type": "application/json" }, body: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) }, all(is4xx, jsonError()));
        await ctx.send({ method: "POST", path: "/api/v1/campaigns", headers: { ...auth, "content-type": "application/json" }, body: "[".repeat(100_000) }, all(is4xx, jsonError()));
        await ctx.send({ method: "POST", path: `/api/v1/campaigns/${ctx.a.campaignId}/creators`, headers: { ...auth, "content-type": "application/json" }, body: '{"creators":[{"email":"a\\u0000@example.com","full_name":"\\u0000"}]}' }, (res) => (res.status >= 500 ? `5xx ${res.status}` : null));
      });
    },
  },
  {
    name: "wrong-methods",
    about: "every API route with every method it does not implement; unknown API paths",
    untouched: STABLE_TABLES,
    async run(ctx) {
      const auth = { authorization: `Bearer ${ctx.a.apiKey}`, "content-type": "application/json" };
      const routes: [string, string[]][] = [
        ["/api/v1/campaigns", ["GET", "POST"]],
        [`/api/v1/campaigns/${ctx.a.campaignId}`, ["GET", "PATCH"]],
        [`/api/v1/campaigns/${ctx.a.campaignId}/creators`, ["GET", "POST"]],
        [`/api/v1/campaigns/${ctx.a.campaignId}/creators/${ctx.a.creatorId}`, ["DELETE"]],
        [`/api/v1/campaigns/${ctx.a.campaignId}/stats`, ["GET"]],
        ["/api/v1/conversions", ["GET"]],
        ["/api/v1/creators", ["GET"]],
        [`/api/v1/creators/${ctx.a.creatorId}`, ["GET"]],
        ["/api/v1/discovery/creators", ["GET"]],
        ["/api/v1/openapi.json", ["GET"]],
        ["/api/health", ["GET"]],
        [`/api/brand/${ctx.a.slug}/overview`, ["GET"]],
        ["/api/creator/earnings", ["GET"]],
      ];
      await times(ctx.repeat, async () => {
        for (const [path, allowed] of routes) {
          for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !allowed.includes(m))) {
            await ctx.send({ method, path, headers: { ...auth, cookie: ctx.a.cookie }, body: method === "GET" ? undefined : "{}" }, all(isStatus(405), jsonError("method_not_allowed"), (res) => (res.headers.allow === allowed.join(", ") ? null : `Allow: ${res.headers.allow}`)));
          }
        }
        for (const method of ["GET", "POST", "DELETE"]) await ctx.send({ method, path: "/api/v1/does-not-exist", headers: auth }, all(isStatus(404), jsonError("not_found")));
      });
    },
  },
  {
    name: "cross-tenant",
    about: "workspace A's key and session on workspace B's ids",
    untouched: STABLE_TABLES,
    async run(ctx) {
      const { a, b } = ctx;
      const auth = { authorization: `Bearer ${a.apiKey}`, "content-type": "application/json" };
      await times(ctx.repeat, async () => {
        for (const [method, path, body] of [
          ["GET", `/api/v1/campaigns/${b.campaignId}`, undefined],
          ["PATCH", `/api/v1/campaigns/${b.campaignId}`, '{"name":"Renamed by A"}'],
          ["GET", `/api/v1/campaigns/${b.campaignId}/creators`, undefined],
          ["POST", `/api/v1/campaigns/${b.campaignId}/creators`, '{"creators":[{"email":"intruder@example.com","full_name":"Intruder"}]}'],
          ["DELETE", `/api/v1/campaigns/${b.campaignId}/creators/${b.creatorId}`, undefined],
          ["GET", `/api/v1/campaigns/${b.campaignId}/stats`, undefined],
          ["GET", `/api/v1/creators/${b.creatorId}`, undefined],
        ] as const) {
          await ctx.send({ method, path, headers: auth, body }, all(isStatus(404), jsonError("not_found")));
        }
        for (const path of [`/brand/${b.slug}`, `/brand/${a.slug}/campaigns/${b.campaignId}`, `/brand/${a.slug}/orders/${b.orderId}`, `/brand/${a.slug}/conversions?creator=${b.creatorId}`, `/api/brand/${b.slug}/overview`, `/api/brand/${a.slug}/campaigns/${b.campaignId}/dashboard`]) {
          await ctx.send({ path, headers: { cookie: a.cookie } }, isStatus(404));
        }
      });
    },
  },
  {
    name: "inngest-unconfigured",
    about: "/api/inngest in production without INNGEST_SIGNING_KEY: a documented JSON 503",
    untouched: STABLE_TABLES,
    allowed5xx: [503],
    async run(ctx) {
      await times(ctx.repeat, async () => {
        for (const method of ["GET", "POST", "PUT"]) await ctx.send({ method, path: "/api/inngest?fnId=x&stepId=y", body: method === "GET" ? undefined : "{}" }, all(isStatus(503), jsonError("not_configured")));
        await ctx.send({ method: "DELETE", path: "/api/inngest" }, all(isStatus(405), jsonError("method_not_allowed")));
      });
    },
  },
];
