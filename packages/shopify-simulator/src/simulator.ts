/**
 * The simulator core: store + webhooks + throttling + bulk operations, with the actions a merchant,
 * a buyer or Shopify itself performs. The HTTP layer (server.ts) and tests both drive this class.
 */
import { randomUUID } from "node:crypto";
import { isoUtcMicros, isoUtcSeconds, systemClock, type Clock } from "./clock";
import { parse, validate } from "graphql";
import type { CostModel } from "./graphql/cost";
import { executeAdminGraphql, type GraphqlRequestBody, type GraphqlResponse } from "./graphql/execute";
import { loadAdminSchema } from "./graphql/schema";
import { gid } from "./graphql/views";
import {
  customersDataRequestPayload,
  customersRedactPayload,
  orderPayload,
  refundPayload,
  shopPayload,
  shopRedactPayload,
  type JsonObject,
} from "./payloads";
import {
  SimulatorError,
  Store,
  type CancelInput,
  type CreateShopInput,
  type PlaceOrderInput,
  type RefundInput,
} from "./store";
import { LeakyBucket, PLAN_LIMITS } from "./throttle";
import type { AccessTokenRecord, BulkOperationRecord, OrderRecord, RefundRecord, ShopRecord } from "./types";
import {
  WebhookDispatcher,
  type DeliveryOptions,
  type DeliveryRecord,
  type DeliveryTarget,
} from "./webhooks";

export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;
/**
 * Every non-compliance topic the simulator emits. Pass as `appTopics` to get them as app-config
 * (shopify.app.toml) subscriptions; by default only the compliance topics are app-config, because
 * Tally subscribes the others per shop with webhookSubscriptionCreate (lib/shops/register-webhooks.ts).
 */
export const ALL_APP_TOPICS = [
  "orders/create",
  "orders/paid",
  "orders/updated",
  "orders/cancelled",
  "refunds/create",
  "app/uninstalled",
  "bulk_operations/finish",
] as const;

/** Tally's webhook intake route (app/api/webhooks/shopify/route.ts), also used for compliance topics. */
export const DEFAULT_WEBHOOK_PATH = "/api/webhooks/shopify";

/** Like a `[[webhooks.subscriptions]]` block of shopify.app.toml: applies to every installed shop. */
export interface AppSubscription {
  topics: string[];
  /** Absolute URL, or a path resolved against `appUrl`. */
  uri: string;
}

export interface SimulatorOptions {
  /** App client secret: signs webhooks (unless a shop has its own) and OAuth HMACs. Default: env SHOPIFY_API_SECRET or "shpss_dev_secret". */
  appSecret?: string;
  /** App client id. When set, OAuth requests must use it. Default: env SHOPIFY_API_KEY or null (any). */
  apiKey?: string | null;
  /** Base URL of the app (e.g. http://localhost:3000) for app-config webhook subscriptions. */
  appUrl?: string | null;
  /** Topics delivered to `webhookPath` for every installed shop, like shopify.app.toml (default none; see ALL_APP_TOPICS). */
  appTopics?: string[];
  /** Path of the app's webhook route (default /api/webhooks/shopify). */
  webhookPath?: string;
  /** Path the compliance topics go to (default: /api/webhooks/shopify too). */
  compliancePath?: string;
  /** Replaces the app-config subscriptions derived from appUrl/appTopics/webhookPath/compliancePath. */
  appSubscriptions?: AppSubscription[];
  clock?: Clock;
  webhookTimeoutMs?: number;
  webhookRetryDelaysMs?: number[];
  /** One line per webhook attempt and other notable events. */
  log?: (line: string) => void;
  /** OAuth for an unknown *.myshopify.com shop creates it (default true). */
  autoCreateShops?: boolean;
  fetch?: typeof fetch;
  /** Page multiplier of the cost calculation: "measured" (default, matches live stores) or "linear" (the documented first × child). */
  costModel?: CostModel;
  /**
   * The theme app embed's script that the storefront's pages load (storefront.ts); default: Tally's
   * own `extensions/tally-tracking/assets/tally-tracking.js` when it is there; null = no embed.
   */
  embedScriptPath?: string | null;
}

/** Delivery options for every webhook of one action, optionally overridden per topic. */
export interface DeliveryPlan extends DeliveryOptions {
  byTopic?: Record<string, DeliveryOptions>;
}

export interface ActionResult {
  eventId: string;
  deliveries: DeliveryRecord[];
}

export class Simulator {
  readonly store: Store;
  readonly webhooks: WebhookDispatcher;
  readonly clock: Clock;
  appSecret: string;
  apiKey: string | null;
  appUrl: string | null;
  webhookPath: string;
  compliancePath: string;
  appTopics: string[];
  customAppSubscriptions: AppSubscription[] | null;
  autoCreateShops: boolean;
  costModel: CostModel;
  /**
   * Per-shop offsets of the storefront's clock (sessions, carts, checkout's `created_at`): a test moves
   * one store "three days later" (`POST /_sim/shops/{domain}/storefront-clock`) without moving time for
   * every other store the simulator serves.
   */
  readonly storefrontOffsets = new Map<string, number>();
  /** Set by `listen()`; used for bulk operation result URLs. */
  baseUrl: string | null = null;
  private readonly buckets = new Map<string, LeakyBucket>();
  private readonly log: (line: string) => void;
  private dataRequestCounter = 9000;

  constructor(opts: SimulatorOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.store = new Store(this.clock);
    this.log = opts.log ?? (() => {});
    this.webhooks = new WebhookDispatcher({
      timeoutMs: opts.webhookTimeoutMs,
      retryDelaysMs: opts.webhookRetryDelaysMs,
      fetchImpl: opts.fetch,
      log: this.log,
      now: () => this.clock.now(),
    });
    this.appSecret = opts.appSecret ?? process.env.SHOPIFY_API_SECRET ?? "shpss_dev_secret";
    this.apiKey = opts.apiKey ?? process.env.SHOPIFY_API_KEY ?? null;
    this.appUrl = opts.appUrl ? opts.appUrl.replace(/\/+$/, "") : null;
    this.webhookPath = opts.webhookPath ?? DEFAULT_WEBHOOK_PATH;
    this.compliancePath = opts.compliancePath ?? DEFAULT_WEBHOOK_PATH;
    this.appTopics = opts.appTopics ?? [];
    this.customAppSubscriptions = opts.appSubscriptions ?? null;
    this.autoCreateShops = opts.autoCreateShops ?? true;
    this.costModel = opts.costModel ?? "measured";
  }

  /** Loads and validates the 3.8 MB Admin schema now instead of on the first GraphQL request (~1 s). */
  warmup(): void {
    validate(loadAdminSchema(), parse("{ shop { name } }"));
  }

  /** Clears shops, tokens, deliveries and buckets (app configuration is kept). */
  reset(): void {
    this.store.reset();
    this.storefrontOffsets.clear();
    this.webhooks.reset();
    this.buckets.clear();
  }

  // ------------------------------------------------------------------------------------ app config

  appSubscriptions(): AppSubscription[] {
    if (this.customAppSubscriptions) return this.customAppSubscriptions;
    if (!this.appUrl) return [];
    const subs: AppSubscription[] = [];
    if (this.appTopics.length > 0) subs.push({ topics: [...this.appTopics], uri: this.webhookPath });
    subs.push({ topics: [...COMPLIANCE_TOPICS], uri: this.compliancePath });
    return subs;
  }

  configureApp(cfg: {
    appUrl?: string | null;
    appTopics?: string[];
    appSecret?: string;
    apiKey?: string | null;
    webhookPath?: string;
    compliancePath?: string;
    subscriptions?: AppSubscription[] | null;
  }): void {
    if (cfg.appUrl !== undefined) this.appUrl = cfg.appUrl ? cfg.appUrl.replace(/\/+$/, "") : null;
    if (cfg.appSecret !== undefined) this.appSecret = cfg.appSecret;
    if (cfg.apiKey !== undefined) this.apiKey = cfg.apiKey;
    if (cfg.appTopics !== undefined) this.appTopics = cfg.appTopics;
    if (cfg.webhookPath !== undefined) this.webhookPath = cfg.webhookPath;
    if (cfg.compliancePath !== undefined) this.compliancePath = cfg.compliancePath;
    if (cfg.subscriptions !== undefined) this.customAppSubscriptions = cfg.subscriptions;
  }

  private resolveUri(uri: string): string | null {
    if (/^https?:\/\//i.test(uri)) return uri;
    if (!this.appUrl) return null;
    return `${this.appUrl}${uri.startsWith("/") ? "" : "/"}${uri}`;
  }

  /** Where a topic of a shop gets delivered right now (app-config + API-created subscriptions). */
  targetsFor(shop: ShopRecord, topic: string): DeliveryTarget[] {
    const compliance = (COMPLIANCE_TOPICS as readonly string[]).includes(topic);
    const active = shop.installed || compliance;
    const targets: DeliveryTarget[] = [];
    if (active) {
      for (const sub of this.appSubscriptions()) {
        if (!sub.topics.includes(topic)) continue;
        const url = this.resolveUri(sub.uri);
        if (url && !targets.some((t) => t.url === url && t.subscriptionId === null)) targets.push({ url, subscriptionId: null });
      }
    }
    if (shop.installed) {
      for (const s of shop.webhookSubscriptions.values()) {
        if (s.topic === topic) targets.push({ url: s.uri, subscriptionId: gid("WebhookSubscription", s.id), name: s.name });
      }
    }
    return targets;
  }

  signingSecret(shop: ShopRecord): string {
    return shop.webhookSecret ?? this.appSecret;
  }

  /** Emits the webhooks of one merchant action (they share one X-Shopify-Event-Id). */
  emit(shop: ShopRecord, events: { topic: string; payload: JsonObject }[], plan: DeliveryPlan = {}): ActionResult {
    const eventId = randomUUID();
    const triggeredAt = isoUtcMicros(this.clock.now());
    const deliveries: DeliveryRecord[] = [];
    const { byTopic, ...base } = plan;
    for (const ev of events) {
      const targets = this.targetsFor(shop, ev.topic);
      if (targets.length === 0) continue;
      deliveries.push(
        ...this.webhooks.dispatch({
          shop: shop.domain,
          topic: ev.topic,
          body: JSON.stringify(ev.payload),
          secret: this.signingSecret(shop),
          eventId,
          triggeredAt,
          targets,
          options: { ...base, ...(byTopic?.[ev.topic] ?? {}) },
        }),
      );
    }
    return { eventId, deliveries };
  }

  // ------------------------------------------------------------------------------------ shops

  createShop(input: CreateShopInput): { shop: ShopRecord; token: AccessTokenRecord } {
    const res = this.store.createShop(input);
    this.buckets.delete(res.shop.domain);
    return res;
  }

  bucketFor(shop: ShopRecord): LeakyBucket {
    let b = this.buckets.get(shop.domain);
    if (!b) {
      b = new LeakyBucket(this.clock, PLAN_LIMITS[shop.plan]);
      this.buckets.set(shop.domain, b);
    }
    return b;
  }

  setPlan(domain: string, plan: ShopRecord["plan"]): void {
    const shop = this.store.requireShop(domain);
    shop.plan = plan;
    this.bucketFor(shop).setLimits(PLAN_LIMITS[plan]);
  }

  /** Revokes the app's tokens, sends app/uninstalled, and drops API-created subscriptions (like Shopify). */
  uninstall(domain: string, plan: DeliveryPlan = {}): ActionResult {
    const shop = this.store.requireShop(domain);
    const result = this.emit(shop, [{ topic: "app/uninstalled", payload: shopPayload(shop) }], plan);
    shop.installed = false;
    shop.webhookSubscriptions.clear();
    this.store.revokeShopTokens(domain);
    return result;
  }

  customersDataRequest(
    domain: string,
    input: { customerId?: number; email?: string },
    plan: DeliveryPlan = {},
  ): ActionResult & { dataRequestId: number } {
    const shop = this.store.requireShop(domain);
    const { customer, orderIds } = this.privacyCustomer(shop, input);
    const dataRequestId = ++this.dataRequestCounter;
    const res = this.emit(shop, [{ topic: "customers/data_request", payload: customersDataRequestPayload(shop, customer, orderIds, dataRequestId) }], plan);
    return { ...res, dataRequestId };
  }

  customersRedact(domain: string, input: { customerId?: number; email?: string }, plan: DeliveryPlan = {}): ActionResult {
    const shop = this.store.requireShop(domain);
    const { customer, orderIds } = this.privacyCustomer(shop, input);
    return this.emit(shop, [{ topic: "customers/redact", payload: customersRedactPayload(shop, customer, orderIds) }], plan);
  }

  shopRedact(domain: string, plan: DeliveryPlan = {}): ActionResult {
    const shop = this.store.requireShop(domain);
    return this.emit(shop, [{ topic: "shop/redact", payload: shopRedactPayload(shop) }], plan);
  }

  private privacyCustomer(shop: ShopRecord, input: { customerId?: number; email?: string }) {
    const email = input.email?.toLowerCase();
    const c = [...shop.customers.values()].find((x) => (input.customerId !== undefined && x.id === input.customerId) || (email && x.email === email));
    if (!c && input.customerId === undefined && !email) {
      throw new SimulatorError("customer_required", "Give customer_id or email");
    }
    const customer = c
      ? { id: c.id, email: c.email, phone: c.phone }
      : { id: input.customerId ?? 0, email: email ?? null, phone: null };
    const orderIds = [...shop.orders.values()]
      .filter((o) => (c && o.customerId === c.id) || (email && o.email.toLowerCase() === email))
      .map((o) => o.id);
    return { customer, orderIds };
  }

  // ------------------------------------------------------------------------------------ orders

  /** The storefront's time for one shop: the simulator's clock plus the shop's storefront offset. */
  storefrontNow(domain: string): number {
    return this.clock.now() + (this.storefrontOffsets.get(domain) ?? 0);
  }

  /** Checkout: creates the order and sends orders/create (+ orders/paid when paid). */
  placeOrder(domain: string, input: PlaceOrderInput, plan: DeliveryPlan = {}): ActionResult & { order: OrderRecord } {
    const shop = this.store.requireShop(domain);
    const order = this.store.placeOrder(domain, input);
    const payload = orderPayload(shop, order);
    const events = [{ topic: "orders/create", payload }];
    if (order.paid) events.push({ topic: "orders/paid", payload });
    return { order, ...this.emit(shop, events, plan) };
  }

  /** Admin refund: sends refunds/create and orders/updated. */
  refund(domain: string, orderId: number, input: RefundInput, plan: DeliveryPlan = {}): ActionResult & { order: OrderRecord; refund: RefundRecord } {
    const shop = this.store.requireShop(domain);
    const refund = this.store.refundOrder(domain, orderId, input);
    const order = this.store.getOrder(domain, orderId);
    const res = this.emit(
      shop,
      [
        { topic: "refunds/create", payload: refundPayload(shop, order, refund) },
        { topic: "orders/updated", payload: orderPayload(shop, order) },
      ],
      plan,
    );
    return { order, refund, ...res };
  }

  /** Admin cancel: orders/cancelled (embedding the refund if any), refunds/create for that refund, orders/updated. */
  cancel(domain: string, orderId: number, input: CancelInput, plan: DeliveryPlan = {}): ActionResult & { order: OrderRecord; refund: RefundRecord | null } {
    const shop = this.store.requireShop(domain);
    const { order, refund } = this.store.cancelOrder(domain, orderId, input);
    const payload = orderPayload(shop, order);
    const events = [{ topic: "orders/cancelled", payload }];
    if (refund) events.push({ topic: "refunds/create", payload: refundPayload(shop, order, refund) });
    events.push({ topic: "orders/updated", payload });
    return { order, refund, ...this.emit(shop, events, plan) };
  }

  /** The order is paid (captured, or the outstanding amount collected): sends orders/updated and orders/paid, as Shopify does. */
  markPaid(domain: string, orderId: number, input: { at?: number } = {}, plan: DeliveryPlan = {}): ActionResult & { order: OrderRecord } {
    const shop = this.store.requireShop(domain);
    const order = this.store.markOrderPaid(domain, orderId, input);
    const payload = orderPayload(shop, order);
    return { order, ...this.emit(shop, [{ topic: "orders/updated", payload }, { topic: "orders/paid", payload }], plan) };
  }

  /** The unpaid order's payment is voided (financial_status `voided`): sends orders/updated. */
  voidPayment(domain: string, orderId: number, input: { at?: number } = {}, plan: DeliveryPlan = {}): ActionResult & { order: OrderRecord } {
    const shop = this.store.requireShop(domain);
    const order = this.store.voidOrder(domain, orderId, input);
    return { order, ...this.emit(shop, [{ topic: "orders/updated", payload: orderPayload(shop, order) }], plan) };
  }

  /** An admin edit (note/tags/attributes) that only bumps updated_at: sends orders/updated. */
  touchOrder(
    domain: string,
    orderId: number,
    changes: Parameters<Store["touchOrder"]>[2] = {},
    plan: DeliveryPlan = {},
  ): ActionResult & { order: OrderRecord } {
    const shop = this.store.requireShop(domain);
    const order = this.store.touchOrder(domain, orderId, changes);
    return { order, ...this.emit(shop, [{ topic: "orders/updated", payload: orderPayload(shop, order) }], plan) };
  }

  /** Re-sends an order topic with the order's current payload (e.g. a no-change orders/updated). */
  resendOrderWebhook(domain: string, orderId: number, topic: string, plan: DeliveryPlan = {}): ActionResult {
    const shop = this.store.requireShop(domain);
    const order = this.store.getOrder(domain, orderId);
    if (topic === "refunds/create") {
      const refund = order.refunds[order.refunds.length - 1];
      if (!refund) throw new SimulatorError("no_refund", `Order ${orderId} has no refund to send`);
      return this.emit(shop, [{ topic, payload: refundPayload(shop, order, refund) }], plan);
    }
    if (!topic.startsWith("orders/")) throw new SimulatorError("bad_topic", `Cannot resend ${topic} for an order`);
    return this.emit(shop, [{ topic, payload: orderPayload(shop, order) }], plan);
  }

  orderPayload(domain: string, orderId: number): JsonObject {
    const shop = this.store.requireShop(domain);
    return orderPayload(shop, this.store.getOrder(domain, orderId));
  }

  // ------------------------------------------------------------------------------------ GraphQL

  /** Runs an Admin GraphQL request for an access token, exactly like the HTTP endpoint (minus HTTP). */
  async graphql(accessToken: string, request: GraphqlRequestBody): Promise<GraphqlResponse> {
    const token = this.store.authenticate(accessToken);
    if (!token) return { status: 401, body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } };
    return this.graphqlForToken(token, request);
  }

  /** Same as `graphql` for an already authenticated token. */
  graphqlForToken(token: AccessTokenRecord, request: GraphqlRequestBody): Promise<GraphqlResponse> {
    const shop = this.store.requireShop(token.shop);
    return executeAdminGraphql({
      store: this.store,
      shop,
      token,
      bucket: this.bucketFor(shop),
      request,
      startBulkOperation: (s, q) => this.startBulkOperation(s, q),
      baseUrl: this.baseUrl,
      appUrl: this.appUrl,
      costModel: this.costModel,
    });
  }

  private startBulkOperation(shop: ShopRecord, query: string): BulkOperationRecord {
    const op: BulkOperationRecord = {
      id: this.store.ids.next("bulkOperation"),
      query,
      status: "CREATED",
      createdAt: this.clock.now(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      result: null,
      errorCode: null,
    };
    shop.bulkOperations.set(op.id, op);
    setTimeout(() => void this.runBulkOperation(shop, op), 5).unref();
    return op;
  }

  private async runBulkOperation(shop: ShopRecord, op: BulkOperationRecord): Promise<void> {
    if (op.status !== "CREATED") return;
    op.status = "RUNNING";
    const res = await executeAdminGraphql({ store: this.store, shop, token: null, bucket: null, request: { query: op.query }, bulk: true });
    const data = res.body.data as Record<string, unknown> | undefined;
    if (!data || res.body.errors) {
      op.status = "FAILED";
      op.errorCode = "INTERNAL_SERVER_ERROR";
    } else {
      const lines: string[] = [];
      const roots = flattenBulk(data, lines);
      op.result = lines.join("\n") + (lines.length ? "\n" : "");
      op.objectCount = lines.length;
      op.rootObjectCount = roots;
      op.status = "COMPLETED";
    }
    op.completedAt = this.clock.now();
    if (shop.bulkOperations.get(op.id) === op) {
      this.emit(shop, [
        {
          topic: "bulk_operations/finish",
          payload: {
            admin_graphql_api_id: gid("BulkOperation", op.id),
            completed_at: isoUtcSeconds(op.completedAt),
            created_at: isoUtcSeconds(op.createdAt),
            error_code: op.errorCode ? op.errorCode.toLowerCase() : null,
            status: op.status.toLowerCase(),
            type: "query",
          },
        },
      ]);
    }
  }
}

/** JSONL like Shopify's bulk output: every connection node is a line; nested nodes carry __parentId. */
function flattenBulk(data: Record<string, unknown>, out: string[]): number {
  let roots = 0;
  const isConn = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v) && (Array.isArray((v as Record<string, unknown>).edges) || Array.isArray((v as Record<string, unknown>).nodes));
  const nodesOf = (conn: Record<string, unknown>): Record<string, unknown>[] => {
    const edges = conn.edges;
    if (Array.isArray(edges)) return edges.map((e) => (e as { node: Record<string, unknown> }).node);
    return (conn.nodes as Record<string, unknown>[]) ?? [];
  };
  const emit = (node: Record<string, unknown>, parentId: string | null): void => {
    const own: Record<string, unknown> = {};
    const nested: Record<string, unknown>[] = [];
    for (const [k, v] of Object.entries(node)) {
      if (isConn(v)) nested.push(v);
      else own[k] = v;
    }
    if (parentId) own.__parentId = parentId;
    out.push(JSON.stringify(own));
    const id = typeof node.id === "string" ? node.id : null;
    for (const conn of nested) for (const child of nodesOf(conn)) emit(child, id);
  };
  for (const v of Object.values(data)) {
    if (!isConn(v)) continue;
    for (const node of nodesOf(v)) {
      roots++;
      emit(node, null);
    }
  }
  return roots;
}
