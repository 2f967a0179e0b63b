/**
 * The control API (`/_sim/*`): JSON endpoints for tests, the demo seeder and e2e to create shops,
 * place orders, refund, cancel, uninstall, trigger privacy webhooks and inspect/steer deliveries.
 * Inputs are validated with zod; invalid input → 422 `{ error: "validation_failed", issues }`.
 *
 * Money in requests is a decimal string in the shop currency ("19.99"), like Shopify's REST API.
 */
import { z } from "zod";
import { isAdjustable, isoUtcSeconds, isValidTimeZone } from "./clock";
import { decimalToMinor, formatRest, isDecimalString, parseMoney } from "./money";
import type { HttpResult } from "./oauth";
import { orderPayload, refundPayload } from "./payloads";
import type { DeliveryPlan, Simulator } from "./simulator";
import { SHOP_DOMAIN_RE, SimulatorError, type PlaceOrderInput, type RefundInput } from "./store";
import { PLAN_LIMITS } from "./throttle";
import type { DiscountRecord, ShopRecord } from "./types";
import type { DeliveryOptions, DeliveryRecord, DeliveryStatus } from "./webhooks";

// ------------------------------------------------------------------------------------------ schemas

const moneyString = z
  .string()
  .refine((v) => isDecimalString(v.trim()), { message: 'must be a decimal string such as "19.99"' });
const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: "must be an ISO 8601 date/time" });
const plan = z.enum(["standard", "advanced", "plus", "enterprise"]);
const scopes = z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : v.split(",")));

const deliveryOptions = z
  .object({
    duplicate: z.number().int().min(0).max(20).optional(),
    concurrent: z.boolean().optional(),
    delay_ms: z.number().int().min(0).max(600_000).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    hold: z.boolean().optional(),
    drop: z.boolean().optional(),
  })
  .strict();

const deliverySchema = deliveryOptions
  .extend({
    by_topic: z.record(z.string(), deliveryOptions).optional(),
    byTopic: z.record(z.string(), deliveryOptions).optional(),
  })
  .strict()
  .optional();

export const createShopSchema = z
  .object({
    domain: z.string().regex(SHOP_DOMAIN_RE, "must be a lowercase <name>.myshopify.com domain"),
    name: z.string().min(1).optional(),
    email: z.string().email().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD").optional(),
    plan: plan.optional(),
    timezone: z.string().refine(isValidTimeZone, { message: "must be an IANA time zone" }).optional(),
    taxesIncluded: z.boolean().optional(),
    accessToken: z.string().min(8).optional(),
    scopes: scopes.optional(),
    webhookSecret: z.string().min(1).nullable().optional(),
  })
  .strict();

const discountValueType = z.enum(["percentage", "fixed_amount"]);

const extraDiscount = z
  .object({
    title: z.string().min(1),
    description: z.string().nullable().optional(),
    value_type: discountValueType,
    /** Percent ("15") for percentage, amount ("10.00") for fixed_amount. */
    value: moneyString,
    line_indexes: z.array(z.number().int().min(0)).optional(),
  })
  .strict();

const address = z
  .object({
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    address1: z.string().nullable().optional(),
    address2: z.string().nullable().optional(),
    city: z.string().nullable().optional(),
    province: z.string().nullable().optional(),
    province_code: z.string().nullable().optional(),
    country: z.string().nullable().optional(),
    country_code: z.string().nullable().optional(),
    zip: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    company: z.string().nullable().optional(),
    name: z.string().nullable().optional(),
  })
  .strict();

export const placeOrderSchema = z
  .object({
    line_items: z
      .array(
        z
          .object({
            title: z.string().min(1),
            price: moneyString,
            quantity: z.number().int().min(1).default(1),
            taxable: z.boolean().optional(),
            sku: z.string().optional(),
            vendor: z.string().nullable().optional(),
            variant_title: z.string().nullable().optional(),
            grams: z.number().int().min(0).optional(),
            gift_card: z.boolean().optional(),
            requires_shipping: z.boolean().optional(),
            properties: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
          })
          .strict(),
      )
      .min(1),
    discount_codes: z.array(z.string().min(1)).optional(),
    manual_discounts: z.array(extraDiscount).optional(),
    automatic_discounts: z.array(extraDiscount).optional(),
    shipping: z
      .object({ price: moneyString, title: z.string().optional(), code: z.string().optional(), source: z.string().optional() })
      .strict()
      .nullable()
      .optional(),
    tax_rate: z.number().min(0).max(1).optional(),
    tax_title: z.string().optional(),
    tax_shipping: z.boolean().optional(),
    taxes_included: z.boolean().optional(),
    email: z.string().optional(),
    phone: z.string().nullable().optional(),
    customer: z
      .object({
        email: z.string().email().nullable().optional(),
        first_name: z.string().nullable().optional(),
        last_name: z.string().nullable().optional(),
        phone: z.string().nullable().optional(),
        default_address: address.nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    billing_address: address.nullable().optional(),
    shipping_address: address.nullable().optional(),
    landing_site: z.string().nullable().optional(),
    referring_site: z.string().nullable().optional(),
    note_attributes: z.array(z.object({ name: z.string(), value: z.string() }).strict()).optional(),
    note: z.string().nullable().optional(),
    tags: z.union([z.array(z.string()), z.string()]).optional(),
    source_name: z.string().optional(),
    created_at: isoDate.optional(),
    test: z.boolean().optional(),
    financial_status: z.enum(["paid", "pending", "authorized", "partially_paid"]).optional(),
    paid_amount: moneyString.optional(),
    gateway: z.string().optional(),
    buyer_accepts_marketing: z.boolean().optional(),
    customer_locale: z.string().nullable().optional(),
    client_details: z
      .object({
        accept_language: z.string().nullable().optional(),
        browser_ip: z.string().nullable().optional(),
        user_agent: z.string().nullable().optional(),
      })
      .strict()
      .optional(),
    delivery: deliverySchema,
  })
  .strict();

const restockType = z.enum(["no_restock", "cancel", "return", "legacy_restock"]);

export const refundSchema = z
  .object({
    line_items: z
      .array(
        z
          .object({
            line_item_id: z.number().int().optional(),
            /** Alternative to line_item_id: position in the order's line_items. */
            index: z.number().int().min(0).optional(),
            quantity: z.number().int().min(1),
            restock_type: restockType.optional(),
          })
          .strict()
          .refine((l) => l.line_item_id !== undefined || l.index !== undefined, { message: "give line_item_id or index" }),
      )
      .optional(),
    shipping: z
      .union([z.literal(true), z.object({ full_refund: z.literal(true) }).strict(), z.object({ amount: moneyString }).strict()])
      .nullable()
      .optional(),
    note: z.string().nullable().optional(),
    created_at: isoDate.optional(),
    delivery: deliverySchema,
  })
  .strict();

export const cancelSchema = z
  .object({
    reason: z.enum(["customer", "declined", "fraud", "inventory", "staff", "other"]).optional(),
    refund: z.boolean().optional(),
    restock: z.boolean().optional(),
    note: z.string().nullable().optional(),
    created_at: isoDate.optional(),
    delivery: deliverySchema,
  })
  .strict();

export const createDiscountSchema = z
  .object({
    code: z.string().min(1),
    title: z.string().min(1).optional(),
    value_type: discountValueType,
    /** Percent ("15") for percentage, amount ("5.00") for fixed_amount. */
    value: moneyString,
    applies_on_each_item: z.boolean().optional(),
    starts_at: isoDate.optional(),
    ends_at: isoDate.nullable().optional(),
    usage_limit: z.number().int().min(1).nullable().optional(),
    once_per_customer: z.boolean().optional(),
    minimum_subtotal: moneyString.optional(),
    minimum_quantity: z.number().int().min(1).optional(),
    combines_with: z
      .object({ order_discounts: z.boolean().optional(), product_discounts: z.boolean().optional(), shipping_discounts: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .strict();

const releaseSchema = z
  .object({
    shop: z.string().optional(),
    ids: z.array(z.string()).optional(),
    topic: z.string().optional(),
    order: z.enum(["fifo", "reverse", "shuffle"]).optional(),
    seed: z.number().int().optional(),
    concurrent: z.boolean().optional(),
  })
  .strict();

const appSchema = z
  .object({
    appUrl: z.string().url().nullable().optional(),
    appTopics: z.array(z.string()).optional(),
    appSecret: z.string().min(1).optional(),
    apiKey: z.string().nullable().optional(),
    webhookPath: z.string().startsWith("/").optional(),
    compliancePath: z.string().startsWith("/").optional(),
    subscriptions: z.array(z.object({ topics: z.array(z.string()).min(1), uri: z.string().min(1) }).strict()).nullable().optional(),
  })
  .strict();

// ------------------------------------------------------------------------------------------ helpers

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function parse<S extends z.ZodTypeAny>(schema: S, body: unknown): z.output<S> {
  const res = schema.safeParse(body ?? {});
  if (!res.success) {
    const issues = res.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new HttpError(422, "validation_failed", issues.map((i) => `${i.path || "(body)"}: ${i.message}`).join("; "), { issues });
  }
  return res.data as z.output<S>;
}

function money(value: string, currency: string, path: string): number {
  try {
    return parseMoney(value.trim(), currency);
  } catch (e) {
    throw new HttpError(422, "validation_failed", `${path}: ${(e as Error).message}`, { issues: [{ path, message: (e as Error).message }] });
  }
}

function percentPoints(value: string, path: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    throw new HttpError(422, "validation_failed", `${path}: a percentage must be between 0 and 100`, { issues: [{ path, message: "a percentage must be between 0 and 100" }] });
  }
  return n;
}

type DeliveryInput = z.output<typeof deliverySchema>;

function toOptions(o: z.output<typeof deliveryOptions>): DeliveryOptions {
  return { duplicate: o.duplicate, concurrent: o.concurrent, delayMs: o.delay_ms ?? o.delayMs, hold: o.hold, drop: o.drop };
}

function toPlan(d: DeliveryInput): DeliveryPlan {
  if (!d) return {};
  const byTopicRaw = d.by_topic ?? d.byTopic;
  const byTopic = byTopicRaw ? Object.fromEntries(Object.entries(byTopicRaw).map(([k, v]) => [k, toOptions(v)])) : undefined;
  return { ...toOptions(d), byTopic };
}

function ms(v: string | undefined | null): number | undefined {
  return v === undefined || v === null ? undefined : Date.parse(v);
}

export function deliveryView(d: DeliveryRecord): Record<string, unknown> {
  let payload: unknown = null;
  try {
    payload = JSON.parse(d.body);
  } catch {
    payload = null;
  }
  return { ...d, payload };
}

function shopView(sim: Simulator, shop: ShopRecord): Record<string, unknown> {
  const tokens = [...sim.store.tokens.values()].filter((t) => t.shop === shop.domain && !t.revoked);
  return {
    id: shop.id,
    domain: shop.domain,
    name: shop.name,
    email: shop.email,
    currency: shop.currency,
    plan: shop.plan,
    timezone: shop.timezone,
    taxesIncluded: shop.taxesIncluded,
    installed: shop.installed,
    webhookSecret: sim.signingSecret(shop),
    hasOwnWebhookSecret: shop.webhookSecret !== null,
    throttle: { ...PLAN_LIMITS[shop.plan], ...sim.bucketFor(shop).status() },
    tokens: tokens.map((t) => ({
      accessToken: t.token,
      scopes: t.scopes,
      expiresAt: t.expiresAt === null ? null : new Date(t.expiresAt).toISOString(),
      online: t.online,
    })),
    orderCount: shop.orders.size,
    discountCount: shop.discounts.size,
    webhookSubscriptions: [...shop.webhookSubscriptions.values()].map((s) => ({ id: s.id, topic: s.topic, uri: s.uri })),
  };
}

export function discountControlView(sim: Simulator, shop: ShopRecord, d: DiscountRecord): Record<string, unknown> {
  return {
    id: `gid://shopify/DiscountCodeNode/${d.id}`,
    legacy_id: d.id,
    code: d.code,
    title: d.title,
    status: sim.store.discountStatus(d),
    value_type: d.value.type,
    value: d.value.type === "percentage" ? String(Math.round(d.value.percentage * 100 * 1e6) / 1e6) : formatRest(d.value.amount, shop.currency),
    starts_at: isoUtcSeconds(d.startsAt),
    ends_at: d.endsAt === null ? null : isoUtcSeconds(d.endsAt),
    usage_count: d.usageCount,
    usage_limit: d.usageLimit,
    once_per_customer: d.appliesOncePerCustomer,
    combines_with: d.combinesWith,
    summary: sim.store.discountSummary(shop, d),
  };
}

// ------------------------------------------------------------------------------------------ handlers

function toOrderInput(sim: Simulator, shop: ShopRecord, b: z.output<typeof placeOrderSchema>): PlaceOrderInput {
  const cur = shop.currency;
  const extra = (list: z.output<typeof extraDiscount>[] | undefined, path: string) =>
    list?.map((m, i) => ({
      title: m.title,
      description: m.description ?? null,
      valueType: m.value_type,
      value: m.value_type === "percentage" ? percentPoints(m.value, `${path}.${i}.value`) : money(m.value, cur, `${path}.${i}.value`),
      lineIndexes: m.line_indexes,
    }));
  for (const [i, a] of (b.automatic_discounts ?? []).entries()) {
    for (const idx of a.line_indexes ?? []) {
      if (idx >= b.line_items.length) {
        throw new HttpError(422, "validation_failed", `automatic_discounts.${i}.line_indexes: ${idx} is not a line index`, {
          issues: [{ path: `automatic_discounts.${i}.line_indexes`, message: `${idx} is not a line index` }],
        });
      }
    }
  }
  void sim;
  return {
    lineItems: b.line_items.map((l, i) => ({
      title: l.title,
      price: money(l.price, cur, `line_items.${i}.price`),
      quantity: l.quantity,
      taxable: l.taxable,
      sku: l.sku,
      vendor: l.vendor,
      variantTitle: l.variant_title,
      grams: l.grams,
      giftCard: l.gift_card,
      requiresShipping: l.requires_shipping,
      properties: l.properties,
    })),
    discountCodes: b.discount_codes,
    manualDiscounts: extra(b.manual_discounts, "manual_discounts"),
    automaticDiscounts: extra(b.automatic_discounts, "automatic_discounts"),
    shipping:
      b.shipping === undefined || b.shipping === null
        ? null
        : { price: money(b.shipping.price, cur, "shipping.price"), title: b.shipping.title, code: b.shipping.code, source: b.shipping.source },
    taxRate: b.tax_rate,
    taxTitle: b.tax_title,
    taxShipping: b.tax_shipping,
    taxesIncluded: b.taxes_included,
    email: b.email,
    phone: b.phone,
    customer:
      b.customer === undefined || b.customer === null
        ? null
        : {
            email: b.customer.email,
            firstName: b.customer.first_name,
            lastName: b.customer.last_name,
            phone: b.customer.phone,
            defaultAddress: b.customer.default_address,
          },
    billingAddress: b.billing_address,
    shippingAddress: b.shipping_address,
    landingSite: b.landing_site,
    referringSite: b.referring_site,
    noteAttributes: b.note_attributes,
    note: b.note,
    tags: typeof b.tags === "string" ? b.tags.split(",").map((t) => t.trim()).filter(Boolean) : b.tags,
    sourceName: b.source_name,
    createdAt: ms(b.created_at),
    test: b.test,
    financialStatus: b.financial_status,
    paidAmount: b.paid_amount === undefined ? undefined : money(b.paid_amount, cur, "paid_amount"),
    gateway: b.gateway,
    buyerAcceptsMarketing: b.buyer_accepts_marketing,
    customerLocale: b.customer_locale,
    clientDetails: b.client_details,
  };
}

function toRefundInput(shop: ShopRecord, orderId: number, sim: Simulator, b: z.output<typeof refundSchema>): RefundInput {
  const order = sim.store.getOrder(shop.domain, orderId);
  const lineItems = (b.line_items ?? []).map((l, i) => {
    const id = l.line_item_id ?? order.lineItems[l.index ?? -1]?.id;
    if (id === undefined) {
      throw new HttpError(422, "validation_failed", `line_items.${i}.index: no line item at index ${l.index}`, {
        issues: [{ path: `line_items.${i}.index`, message: `no line item at index ${l.index}` }],
      });
    }
    return { lineItemId: id, quantity: l.quantity, restockType: l.restock_type };
  });
  let shipping: RefundInput["shipping"] = null;
  if (b.shipping === true || (b.shipping && "full_refund" in b.shipping)) shipping = true;
  else if (b.shipping && "amount" in b.shipping) shipping = money(b.shipping.amount, shop.currency, "shipping.amount");
  return { lineItems, shipping, note: b.note, createdAt: ms(b.created_at) };
}

function actionBody(res: { eventId: string; deliveries: DeliveryRecord[] }): Record<string, unknown> {
  return { eventId: res.eventId, deliveries: res.deliveries.map((d) => ({ id: d.id, webhookId: d.webhookId, topic: d.topic, url: d.url, status: d.status })) };
}

export async function handleControl(
  sim: Simulator,
  method: string,
  segments: string[],
  query: URLSearchParams,
  body: unknown,
): Promise<HttpResult> {
  try {
    return await route(sim, method, segments, query, body);
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, body: { error: e.code, message: e.message, ...e.extra } };
    if (e instanceof SimulatorError) return { status: e.status, body: { error: e.code, message: e.message, ...(e.details ?? {}) } };
    throw e;
  }
}

async function route(sim: Simulator, method: string, seg: string[], query: URLSearchParams, body: unknown): Promise<HttpResult> {
  const [a, b, c, d, e, f] = seg;
  const notFound = (): HttpResult => ({ status: 404, body: { error: "not_found", message: `No control endpoint ${method} /_sim/${seg.join("/")}` } });

  if (a === "health" && method === "GET") return { status: 200, body: { ok: true } };
  if (a === "reset" && method === "POST") {
    sim.reset();
    return { status: 200, body: { ok: true } };
  }
  if (a === "app") {
    if (method === "PUT" || method === "POST") sim.configureApp(parse(appSchema, body));
    else if (method !== "GET") return notFound();
    return {
      status: 200,
      body: {
        appUrl: sim.appUrl,
        appTopics: sim.appTopics,
        apiKey: sim.apiKey,
        appSecret: sim.appSecret,
        webhookPath: sim.webhookPath,
        compliancePath: sim.compliancePath,
        subscriptions: sim.appSubscriptions(),
      },
    };
  }
  if (a === "clock") {
    if (method === "POST") {
      const input = parse(z.object({ advance_ms: z.number().optional(), set: isoDate.optional() }).strict(), body);
      if (!isAdjustable(sim.clock)) throw new HttpError(409, "clock_not_adjustable", "This simulator runs on a fixed clock");
      if (input.set) sim.clock.set(input.set);
      if (input.advance_ms) sim.clock.advance(input.advance_ms);
    } else if (method !== "GET") return notFound();
    return { status: 200, body: { now: new Date(sim.clock.now()).toISOString() } };
  }
  if (a === "deliveries") {
    if (!b && method === "GET") {
      const status = query.get("status") as DeliveryStatus | null;
      const list = sim.webhooks.list({
        shop: query.get("shop") ?? undefined,
        topic: query.get("topic") ?? undefined,
        status: status ?? undefined,
        webhookId: query.get("webhook_id") ?? undefined,
        eventId: query.get("event_id") ?? undefined,
      });
      return { status: 200, body: { deliveries: list.map(deliveryView), held: sim.webhooks.heldCount() } };
    }
    if (b === "release" && method === "POST") {
      const input = parse(releaseSchema, body);
      const released = await sim.webhooks.release(input);
      return { status: 200, body: { released: released.map(deliveryView) } };
    }
    if (b === "wait" && method === "POST") {
      const input = parse(z.object({ timeout_ms: z.number().int().min(0).max(120_000).optional() }).strict(), body);
      const idle = await sim.webhooks.waitForIdle(input.timeout_ms ?? 10_000);
      return { status: 200, body: { idle, held: sim.webhooks.heldCount() } };
    }
    if (b && !c && method === "GET") {
      const dl = sim.webhooks.get(b);
      return dl ? { status: 200, body: { delivery: deliveryView(dl) } } : notFound();
    }
    return notFound();
  }
  if (a === "bulk" && b && method === "GET") {
    const id = Number(b.replace(/\.jsonl$/, ""));
    for (const shop of sim.store.shops.values()) {
      const op = shop.bulkOperations.get(id);
      if (op?.result !== undefined && op.result !== null) {
        return { status: 200, headers: { "Content-Type": "application/jsonl" }, body: op.result };
      }
    }
    return notFound();
  }
  if (a !== "shops") return notFound();

  // ---- /_sim/shops
  if (!b) {
    if (method === "GET") return { status: 200, body: { shops: [...sim.store.shops.values()].map((s) => shopView(sim, s)) } };
    if (method === "POST") {
      const input = parse(createShopSchema, body);
      const existed = sim.store.getShop(input.domain) !== undefined;
      const { shop, token } = sim.createShop({ ...input, scopes: input.scopes });
      return {
        status: existed ? 200 : 201,
        body: {
          shop: shopView(sim, shop),
          accessToken: token.token,
          scopes: token.scopes,
          webhookSecret: sim.signingSecret(shop),
          graphqlPath: "/admin/api/2026-07/graphql.json",
          graphqlUrl: sim.baseUrl ? `${sim.baseUrl}/admin/api/2026-07/graphql.json` : null,
        },
      };
    }
    return notFound();
  }
  const shop = sim.store.requireShop(decodeURIComponent(b));
  const domain = shop.domain;

  if (!c) {
    if (method === "GET") return { status: 200, body: { shop: shopView(sim, shop) } };
    if (method === "DELETE") {
      sim.store.deleteShop(domain);
      return { status: 200, body: { ok: true } };
    }
    return notFound();
  }
  if (c === "tokens" && method === "POST") {
    const input = parse(
      z.object({ accessToken: z.string().min(8).optional(), scopes: scopes.optional(), expiring: z.boolean().optional() }).strict(),
      body,
    );
    const rec = sim.store.issueToken(domain, { token: input.accessToken, scopes: input.scopes, expiring: input.expiring });
    return { status: 201, body: { accessToken: rec.token, scopes: rec.scopes, refreshToken: rec.refreshToken } };
  }
  if (c === "storefront-clock") {
    if (method === "POST") {
      const input = parse(z.object({ advance_ms: z.number().int().min(0).max(365 * 86_400_000).optional(), reset: z.boolean().optional() }).strict(), body);
      const current = input.reset ? 0 : (sim.storefrontOffsets.get(domain) ?? 0);
      sim.storefrontOffsets.set(domain, current + (input.advance_ms ?? 0));
    } else if (method !== "GET") return notFound();
    return { status: 200, body: { now: new Date(sim.storefrontNow(domain)).toISOString(), offset_ms: sim.storefrontOffsets.get(domain) ?? 0 } };
  }
  if (c === "throttle" && method === "POST") {
    const input = parse(z.object({ available: z.number().min(0).optional(), plan: plan.optional() }).strict(), body);
    if (input.plan) sim.setPlan(domain, input.plan);
    if (input.available !== undefined) sim.bucketFor(shop).setAvailable(input.available);
    return { status: 200, body: { throttleStatus: sim.bucketFor(shop).status() } };
  }
  if (c === "uninstall" && method === "POST") {
    const input = parse(z.object({ delivery: deliverySchema }).strict(), body);
    return { status: 200, body: actionBody(sim.uninstall(domain, toPlan(input.delivery))) };
  }
  if (c === "privacy" && method === "POST" && d && !e) {
    const input = parse(
      z.object({ customer_id: z.number().int().optional(), email: z.string().optional(), delivery: deliverySchema }).strict(),
      body,
    );
    const plan = toPlan(input.delivery);
    const who = { customerId: input.customer_id, email: input.email };
    const kind = d.replace(/_/g, "-");
    if (kind === "customers-data-request") {
      const res = sim.customersDataRequest(domain, who, plan);
      return { status: 200, body: { ...actionBody(res), dataRequestId: res.dataRequestId } };
    }
    if (kind === "customers-redact") return { status: 200, body: actionBody(sim.customersRedact(domain, who, plan)) };
    if (kind === "shop-redact") return { status: 200, body: actionBody(sim.shopRedact(domain, plan)) };
    return notFound();
  }
  if (c === "discounts") {
    if (!d && method === "GET") {
      return { status: 200, body: { discounts: [...shop.discounts.values()].map((x) => discountControlView(sim, shop, x)) } };
    }
    if (!d && method === "POST") {
      const input = parse(createDiscountSchema, body);
      const value =
        input.value_type === "percentage"
          ? { type: "percentage" as const, percentage: percentPoints(input.value, "value") / 100 }
          : { type: "fixed_amount" as const, amount: money(input.value, shop.currency, "value"), appliesOnEachItem: input.applies_on_each_item ?? false };
      const res = sim.store.createDiscount(
        domain,
        {
          code: input.code,
          title: input.title ?? input.code,
          value,
          startsAt: ms(input.starts_at) ?? sim.store.now(),
          endsAt: ms(input.ends_at) ?? null,
          usageLimit: input.usage_limit ?? null,
          appliesOncePerCustomer: input.once_per_customer ?? false,
          minimumRequirement:
            input.minimum_subtotal !== undefined
              ? { type: "subtotal", amount: money(input.minimum_subtotal, shop.currency, "minimum_subtotal") }
              : input.minimum_quantity !== undefined
                ? { type: "quantity", quantity: input.minimum_quantity }
                : null,
          combinesWith: {
            orderDiscounts: input.combines_with?.order_discounts ?? true,
            productDiscounts: input.combines_with?.product_discounts ?? false,
            shippingDiscounts: input.combines_with?.shipping_discounts ?? false,
          },
        },
        "discount",
      );
      if (!res.discount) {
        return { status: 422, body: { error: res.userErrors[0]?.code === "TAKEN" ? "discount_code_taken" : "invalid_discount", message: res.userErrors.map((x) => x.message).join("; "), userErrors: res.userErrors } };
      }
      return { status: 201, body: { discount: discountControlView(sim, shop, res.discount) } };
    }
    if (d && !e && method === "GET") {
      const id = Number(d);
      const disc = Number.isInteger(id) ? shop.discounts.get(id) : sim.store.findDiscountByCode(domain, decodeURIComponent(d));
      return disc ? { status: 200, body: { discount: discountControlView(sim, shop, disc) } } : notFound();
    }
    return notFound();
  }
  if (c === "orders") {
    if (!d && method === "GET") {
      return { status: 200, body: { orders: [...shop.orders.values()].map((o) => orderPayload(shop, o)) } };
    }
    if (!d && method === "POST") {
      const input = parse(placeOrderSchema, body);
      const res = sim.placeOrder(domain, toOrderInput(sim, shop, input), toPlan(input.delivery));
      return { status: 201, body: { order: orderPayload(shop, res.order), ...actionBody(res) } };
    }
    const orderId = Number(d);
    if (!Number.isSafeInteger(orderId)) return notFound();
    const order = sim.store.getOrder(domain, orderId);
    if (!e && method === "GET") {
      return { status: 200, body: { order: orderPayload(shop, order), refunds: order.refunds.map((r) => refundPayload(shop, order, r)) } };
    }
    if (e === "refunds" && !f && method === "POST") {
      const input = parse(refundSchema, body);
      const res = sim.refund(domain, orderId, toRefundInput(shop, orderId, sim, input), toPlan(input.delivery));
      return { status: 201, body: { refund: refundPayload(shop, res.order, res.refund), order: orderPayload(shop, res.order), ...actionBody(res) } };
    }
    if (e === "cancel" && !f && method === "POST") {
      const input = parse(cancelSchema, body);
      const res = sim.cancel(
        domain,
        orderId,
        { reason: input.reason, refund: input.refund ?? false, restock: input.restock, note: input.note, createdAt: ms(input.created_at) },
        toPlan(input.delivery),
      );
      return {
        status: 200,
        body: { order: orderPayload(shop, res.order), refund: res.refund ? refundPayload(shop, res.order, res.refund) : null, ...actionBody(res) },
      };
    }
    if ((e === "pay" || e === "void") && !f && method === "POST") {
      const input = parse(z.object({ created_at: isoDate.optional(), delivery: deliverySchema }).strict(), body);
      const res = (e === "pay" ? sim.markPaid : sim.voidPayment).call(sim, domain, orderId, { at: ms(input.created_at) }, toPlan(input.delivery));
      return { status: 200, body: { order: orderPayload(shop, res.order), ...actionBody(res) } };
    }
    if (e === "touch" && !f && method === "POST") {
      const input = parse(
        z
          .object({
            note: z.string().nullable().optional(),
            tags: z.array(z.string()).optional(),
            note_attributes: z.array(z.object({ name: z.string(), value: z.string() }).strict()).optional(),
            delivery: deliverySchema,
          })
          .strict(),
        body,
      );
      const res = sim.touchOrder(domain, orderId, { note: input.note, tags: input.tags, noteAttributes: input.note_attributes }, toPlan(input.delivery));
      return { status: 200, body: { order: orderPayload(shop, res.order), ...actionBody(res) } };
    }
    if (e === "webhooks" && !f && method === "POST") {
      const input = parse(z.object({ topic: z.string().min(1), delivery: deliverySchema }).strict(), body);
      return { status: 200, body: actionBody(sim.resendOrderWebhook(domain, orderId, input.topic, toPlan(input.delivery))) };
    }
    return notFound();
  }
  return notFound();
}

/** Exposed for the library API: converts a decimal amount in the shop currency to minor units. */
export function toMinor(amount: string | number, currency: string): number {
  return typeof amount === "number" ? decimalToMinor(amount, currency) : parseMoney(amount, currency);
}
