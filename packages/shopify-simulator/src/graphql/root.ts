/**
 * Root Query/Mutation resolvers for the subset of the Admin API that Tally uses. Everything else in
 * the schema still validates (so documents are checked exactly like Shopify checks them), but
 * resolving an unimplemented root field returns a clear "not implemented by the simulator" error.
 */
import { GraphQLError, parse, validate } from "graphql";
import { decimalToMinor } from "../money";
import { orderAmounts } from "../order-math";
import { hasScope, type DiscountInput, type DiscountResult, type DiscountUserError } from "../store";
import type { DiscountValue, MinimumRequirement, OrderRecord } from "../types";
import { paginate, type ConnectionArgs } from "./connection";
import { loadAdminSchema } from "./schema";
import {
  compareNumber,
  compareString,
  compareTime,
  describeSearch,
  matchesSearch,
  parseSearchQuery,
  searchWarnings,
  type SearchTerm,
} from "./search";
import {
  appInstallationView,
  bulkOperationView,
  discountNodeView,
  gid,
  orderView,
  parseGid,
  refundView,
  shopView,
  webhookSubscriptionView,
  type GqlContext,
  type GqlObject,
} from "./views";

type Args = Record<string, unknown>;
type Resolver = (args: Args, ctx: GqlContext) => unknown;

const ORDER_WINDOW_MS = 60 * 86_400_000;

function requireScope(ctx: GqlContext, scope: string, field: string): void {
  if (!ctx.token) return;
  if (hasScope(ctx.token.scopes, scope)) return;
  throw new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
    extensions: {
      code: "ACCESS_DENIED",
      documentation: "https://shopify.dev/api/usage/access-scopes",
      requiredAccess: `\`${scope}\` access scope.`,
    },
  });
}

/** Without read_all_orders only the last 60 days of orders are visible (Shopify's rule). */
function orderVisible(ctx: GqlContext, o: OrderRecord): boolean {
  if (!ctx.token || hasScope(ctx.token.scopes, "read_all_orders")) return true;
  return o.createdAt >= ctx.store.now() - ORDER_WINDOW_MS;
}

const ORDER_SEARCH_FIELDS = [
  "created_at",
  "updated_at",
  "processed_at",
  "id",
  "name",
  "email",
  "financial_status",
  "status",
  "test",
  "source_name",
  "discount_code",
  "customer_id",
  "tag",
  "fulfillment_status",
  "confirmation_number",
];

function orderMatchers(now: number): Record<string, (o: OrderRecord, t: SearchTerm) => boolean> {
  return {
    created_at: (o, t) => compareTime(o.createdAt, t, now),
    updated_at: (o, t) => compareTime(o.updatedAt, t, now),
    processed_at: (o, t) => compareTime(o.processedAt, t, now),
    id: (o, t) => compareNumber(o.id, { ...t, value: String(parseGid(t.value) ?? t.value) }),
    name: (o, t) => compareString(o.name.replace(/^#/, ""), { ...t, value: t.value.replace(/^#/, "") }),
    email: (o, t) => compareString(o.email, t),
    confirmation_number: (o, t) => compareString(o.confirmationNumber, t),
    financial_status: (o, t) => compareString(orderAmounts(o).financialStatus, t),
    status: (o, t) => {
      const v = t.value.toLowerCase();
      if (v === "open") return o.closedAt === null && o.cancelledAt === null;
      if (v === "closed") return o.closedAt !== null;
      if (v === "cancelled") return o.cancelledAt !== null;
      if (v === "not_closed") return o.closedAt === null;
      return true;
    },
    test: (o, t) => String(o.test) === t.value.toLowerCase(),
    source_name: (o, t) => compareString(o.sourceName, t),
    discount_code: (o, t) => compareString(o.discountApplications.find((a) => a.type === "discount_code")?.code ?? null, t),
    customer_id: (o, t) => o.customerId !== null && compareNumber(o.customerId, { ...t, value: String(parseGid(t.value) ?? t.value) }),
    tag: (o, t) => o.tags.split(",").some((x) => x.trim().toLowerCase() === t.value.toLowerCase()),
    fulfillment_status: (_o, t) => ["unfulfilled", "unshipped"].includes(t.value.toLowerCase()),
  };
}

function orderDefaultMatcher(o: OrderRecord, t: SearchTerm): boolean {
  const needle = t.value.toLowerCase();
  const hay = [o.name, o.email, o.customer?.firstName, o.customer?.lastName].filter(Boolean).join(" ").toLowerCase();
  return hay.includes(needle);
}

function orderSortValue(o: OrderRecord, sortKey: string): number | string {
  switch (sortKey) {
    case "CREATED_AT":
      return o.createdAt;
    case "UPDATED_AT":
      return o.updatedAt;
    case "PROCESSED_AT":
      return o.processedAt;
    case "ORDER_NUMBER":
      return o.orderNumber;
    case "TOTAL_PRICE":
      return orderAmounts(o).totalPrice;
    case "CURRENT_TOTAL_PRICE":
      return orderAmounts(o).currentTotalPrice;
    case "FINANCIAL_STATUS":
      return orderAmounts(o).financialStatus;
    case "CUSTOMER_NAME":
      return [o.customer?.firstName, o.customer?.lastName].filter(Boolean).join(" ");
    case "TOTAL_ITEMS_QUANTITY":
      return o.lineItems.reduce((s, l) => s + l.quantity, 0);
    default:
      return o.id;
  }
}

function filteredOrders(ctx: GqlContext, query: unknown, path: string[]): OrderRecord[] {
  const q = typeof query === "string" ? query : null;
  const parsed = parseSearchQuery(q);
  const warnings = searchWarnings(parsed, ORDER_SEARCH_FIELDS);
  if (q) ctx.searchExtensions.push({ path, query: q, parsed: describeSearch(parsed), warnings });
  const matchers = orderMatchers(ctx.store.now());
  return [...ctx.shop.orders.values()].filter((o) => orderVisible(ctx, o) && matchesSearch(parsed, o, matchers, orderDefaultMatcher));
}

function mapConnection<T>(conn: ReturnType<typeof paginate<T>>, view: (t: T) => GqlObject): GqlObject {
  return {
    nodes: conn.nodes.map(view),
    edges: conn.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })),
    pageInfo: conn.pageInfo,
  };
}

// ------------------------------------------------------------------------------------------ discount input

function parseTime(v: unknown): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== "string") return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

function unsupported(what: string): never {
  throw new GraphQLError(`The Shopify simulator does not support ${what}.`, { extensions: { code: "SIMULATOR_UNSUPPORTED" } });
}

function discountInputFrom(
  ctx: GqlContext,
  raw: Args,
  inputName: string,
  creating: boolean,
): { input: DiscountInput; errors: DiscountUserError[] } {
  const errors: DiscountUserError[] = [];
  const err = (field: string[], message: string, code: string): void => {
    errors.push({ field: [inputName, ...field], message, code, extraInfo: null });
  };
  const input: DiscountInput = {};
  if ("title" in raw) input.title = raw.title as string | null;
  if ("code" in raw) input.code = raw.code as string | null;
  if ("startsAt" in raw) input.startsAt = parseTime(raw.startsAt);
  if ("endsAt" in raw) input.endsAt = parseTime(raw.endsAt);
  if ("usageLimit" in raw) input.usageLimit = raw.usageLimit as number | null;
  if ("appliesOncePerCustomer" in raw) input.appliesOncePerCustomer = raw.appliesOncePerCustomer as boolean | null;
  if ("tags" in raw) input.tags = raw.tags as string[] | null;
  if (raw.combinesWith && typeof raw.combinesWith === "object") {
    const c = raw.combinesWith as Args;
    input.combinesWith = {
      productDiscounts: c.productDiscounts as boolean | undefined,
      orderDiscounts: c.orderDiscounts as boolean | undefined,
      shippingDiscounts: c.shippingDiscounts as boolean | undefined,
    };
  }
  if ("minimumRequirement" in raw) {
    const m = raw.minimumRequirement as Args | null;
    let req: MinimumRequirement = null;
    const subtotal = (m?.subtotal as Args | undefined)?.greaterThanOrEqualToSubtotal;
    const quantity = (m?.quantity as Args | undefined)?.greaterThanOrEqualToQuantity;
    if (subtotal !== undefined && subtotal !== null && quantity !== undefined && quantity !== null) {
      err(["minimumRequirement"], "Minimum subtotal and minimum quantity cannot both be present", "MINIMUM_SUBTOTAL_AND_QUANTITY_RANGE_BOTH_PRESENT");
    } else if (subtotal !== undefined && subtotal !== null) {
      req = { type: "subtotal", amount: decimalToMinor(subtotal as string, ctx.shop.currency) };
    } else if (quantity !== undefined && quantity !== null) {
      req = { type: "quantity", quantity: Number(quantity) };
    }
    input.minimumRequirement = req;
  }
  const hasContext = raw.context !== undefined && raw.context !== null;
  const hasSelection = raw.customerSelection !== undefined && raw.customerSelection !== null;
  if (hasContext && hasSelection) {
    err(["context"], "Only one of context or customerSelection can be provided.", "INVALID");
  } else if (hasContext) {
    const c = raw.context as Args;
    if (c.all !== "ALL") unsupported("discount contexts other than {all: ALL}");
  } else if (hasSelection) {
    const c = raw.customerSelection as Args;
    if (c.all !== true) unsupported("customer selections other than {all: true}");
  } else if (creating) {
    err(["context"], "Context can't be blank", "BLANK");
  }
  const gets = raw.customerGets as Args | null | undefined;
  if (gets) {
    const value = gets.value as Args | undefined;
    if (value) {
      const kinds = ["percentage", "discountAmount", "discountOnQuantity"].filter((k) => value[k] !== undefined && value[k] !== null);
      if (kinds.length > 1) {
        err(["customerGets", "value"], "Only one of percentage, discountAmount or discountOnQuantity can be provided.", "INVALID");
      } else if (kinds[0] === "discountOnQuantity") {
        err(["customerGets", "value", "discountOnQuantity"], "Discount on quantity can only be used with buy x get y discounts.", "INVALID");
      } else if (kinds[0] === "percentage") {
        input.value = { type: "percentage", percentage: Number(value.percentage) };
      } else if (kinds[0] === "discountAmount") {
        const a = value.discountAmount as Args;
        const v: DiscountValue = {
          type: "fixed_amount",
          amount: decimalToMinor((a.amount as string | undefined) ?? "0", ctx.shop.currency),
          appliesOnEachItem: a.appliesOnEachItem === true,
        };
        input.value = v;
      }
    } else if (creating) {
      err(["customerGets", "value"], "Value can't be blank", "BLANK");
    }
    const items = gets.items as Args | undefined;
    if (items && items.all !== true) unsupported("customerGets.items other than {all: true}");
  } else if (creating) {
    err(["customerGets"], "Customer gets can't be blank", "BLANK");
  }
  return { input, errors };
}

function discountPayload(ctx: GqlContext, result: DiscountResult): GqlObject {
  return {
    codeDiscountNode: result.discount ? discountNodeView(ctx, result.discount) : null,
    userErrors: result.userErrors,
  };
}

// ------------------------------------------------------------------------------------------ webhooks

const TOPIC_OVERRIDES: Record<string, string> = {
  APP_UNINSTALLED: "app/uninstalled",
  APP_SCOPES_UPDATE: "app/scopes_update",
  BULK_OPERATIONS_FINISH: "bulk_operations/finish",
  REFUNDS_CREATE: "refunds/create",
  ORDER_TRANSACTIONS_CREATE: "order_transactions/create",
  FULFILLMENT_EVENTS_CREATE: "fulfillment_events/create",
  FULFILLMENT_EVENTS_DELETE: "fulfillment_events/delete",
  DRAFT_ORDERS_CREATE: "draft_orders/create",
  DRAFT_ORDERS_UPDATE: "draft_orders/update",
  DRAFT_ORDERS_DELETE: "draft_orders/delete",
  ORDERS_PARTIALLY_FULFILLED: "orders/partially_fulfilled",
  ORDERS_LINK_REQUESTED: "orders/link_requested",
  CUSTOMERS_MARKETING_CONSENT_UPDATE: "customers/marketing_consent_update",
  DISCOUNTS_REDEEMCODE_ADDED: "discounts/redeemcode_added",
  DISCOUNTS_REDEEMCODE_REMOVED: "discounts/redeemcode_removed",
};

/** WebhookSubscriptionTopic enum value -> REST topic ("ORDERS_CREATE" -> "orders/create"). */
export function topicFromEnum(value: string): string {
  const override = TOPIC_OVERRIDES[value];
  if (override) return override;
  const i = value.indexOf("_");
  if (i < 0) return value.toLowerCase();
  return `${value.slice(0, i).toLowerCase()}/${value.slice(i + 1).toLowerCase()}`;
}

export function topicToEnum(topic: string): string {
  return topic.replace("/", "_").toUpperCase();
}

function subscriptionUri(raw: Args): string | null {
  const uri = (raw.uri as string | undefined) ?? (raw.callbackUrl as string | undefined);
  return uri ?? null;
}

// ------------------------------------------------------------------------------------------ roots

export function createRootValue(): { query: Record<string, Resolver>; mutation: Record<string, Resolver> } {
  const query: Record<string, Resolver> = {
    shop: (_args, ctx) => shopView(ctx, ctx.shop),
    currentAppInstallation: (_args, ctx) => appInstallationView(ctx),

    orders: (args, ctx) => {
      requireScope(ctx, "read_orders", "orders");
      const items = filteredOrders(ctx, args.query, ["orders"]);
      const sortKey = typeof args.sortKey === "string" ? args.sortKey : "PROCESSED_AT";
      const conn = paginate(items, (o) => ({ cursorId: o.id, cursorValue: orderSortValue(o, sortKey) }), args as ConnectionArgs, {
        requirePageSize: !ctx.bulk,
        fieldName: "orders",
      });
      return mapConnection(conn, (o) => orderView(ctx, o));
    },
    ordersCount: (args, ctx) => {
      requireScope(ctx, "read_orders", "ordersCount");
      const count = filteredOrders(ctx, args.query, ["ordersCount"]).length;
      const limit = typeof args.limit === "number" ? args.limit : 10_000;
      return { __typename: "Count", count: Math.min(count, limit), precision: count > limit ? "AT_LEAST" : "EXACT" };
    },
    order: (args, ctx) => {
      requireScope(ctx, "read_orders", "order");
      const id = parseGid(args.id, "Order");
      const o = id === null ? undefined : ctx.shop.orders.get(id);
      return o && orderVisible(ctx, o) ? orderView(ctx, o) : null;
    },

    codeDiscountNodeByCode: (args, ctx) => {
      requireScope(ctx, "read_discounts", "codeDiscountNodeByCode");
      const d = ctx.store.findDiscountByCode(ctx.shop.domain, String(args.code ?? ""));
      return d ? discountNodeView(ctx, d) : null;
    },
    codeDiscountNode: (args, ctx) => {
      requireScope(ctx, "read_discounts", "codeDiscountNode");
      const id = parseGid(args.id, "DiscountCodeNode");
      const d = id === null ? undefined : ctx.shop.discounts.get(id);
      return d ? discountNodeView(ctx, d) : null;
    },
    discountNode: (args, ctx) => {
      requireScope(ctx, "read_discounts", "discountNode");
      const id = parseGid(args.id, "DiscountCodeNode") ?? parseGid(args.id, "DiscountNode");
      const d = id === null ? undefined : ctx.shop.discounts.get(id);
      return d ? discountNodeView(ctx, d) : null;
    },
    codeDiscountNodes: (args, ctx) => discountNodes(args, ctx, "codeDiscountNodes"),
    discountNodes: (args, ctx) => discountNodes(args, ctx, "discountNodes"),

    webhookSubscriptions: (args, ctx) => {
      const topics = Array.isArray(args.topics) ? (args.topics as string[]).map(topicFromEnum) : null;
      const uri = (args.uri as string | undefined) ?? (args.callbackUrl as string | undefined);
      const items = [...ctx.shop.webhookSubscriptions.values()].filter(
        (s) => (!topics || topics.includes(s.topic)) && (!uri || s.uri === uri),
      );
      const conn = paginate(items, (s) => ({ cursorId: s.id, cursorValue: s.createdAt }), args as ConnectionArgs, {
        requirePageSize: !ctx.bulk,
        fieldName: "webhookSubscriptions",
      });
      return mapConnection(conn, (s) => topicView(webhookSubscriptionView(s)));
    },
    webhookSubscriptionsCount: (_args, ctx) => ({ __typename: "Count", count: ctx.shop.webhookSubscriptions.size, precision: "EXACT" }),
    webhookSubscription: (args, ctx) => {
      const id = parseGid(args.id, "WebhookSubscription");
      const s = id === null ? undefined : ctx.shop.webhookSubscriptions.get(id);
      return s ? topicView(webhookSubscriptionView(s)) : null;
    },

    bulkOperation: (args, ctx) => {
      const id = parseGid(args.id, "BulkOperation");
      const b = id === null ? undefined : ctx.shop.bulkOperations.get(id);
      return b ? bulkOperationView(ctx, b) : null;
    },
    currentBulkOperation: (_args, ctx) => {
      const all = [...ctx.shop.bulkOperations.values()];
      const last = all[all.length - 1];
      return last ? bulkOperationView(ctx, last) : null;
    },

    node: (args, ctx) => nodeById(ctx, args.id),
    nodes: (args, ctx) => (Array.isArray(args.ids) ? args.ids.map((id) => nodeById(ctx, id)) : []),
  };

  const mutation: Record<string, Resolver> = {
    discountCodeBasicCreate: (args, ctx) => {
      requireScope(ctx, "write_discounts", "discountCodeBasicCreate");
      const { input, errors } = discountInputFrom(ctx, (args.basicCodeDiscount ?? {}) as Args, "basicCodeDiscount", true);
      if (errors.length > 0) return { codeDiscountNode: null, userErrors: errors };
      return discountPayload(ctx, ctx.store.createDiscount(ctx.shop.domain, input));
    },
    discountCodeBasicUpdate: (args, ctx) => {
      requireScope(ctx, "write_discounts", "discountCodeBasicUpdate");
      const id = parseGid(args.id, "DiscountCodeNode");
      if (id === null || !ctx.shop.discounts.has(id)) {
        return { codeDiscountNode: null, userErrors: [{ field: ["id"], message: "Discount does not exist", code: null, extraInfo: null }] };
      }
      const { input, errors } = discountInputFrom(ctx, (args.basicCodeDiscount ?? {}) as Args, "basicCodeDiscount", false);
      if (errors.length > 0) return { codeDiscountNode: null, userErrors: errors };
      return discountPayload(ctx, ctx.store.updateDiscount(ctx.shop.domain, id, input));
    },
    discountCodeDeactivate: (args, ctx) => {
      requireScope(ctx, "write_discounts", "discountCodeDeactivate");
      const id = parseGid(args.id, "DiscountCodeNode");
      return discountPayload(ctx, ctx.store.deactivateDiscount(ctx.shop.domain, id ?? -1));
    },
    discountCodeActivate: (args, ctx) => {
      requireScope(ctx, "write_discounts", "discountCodeActivate");
      const id = parseGid(args.id, "DiscountCodeNode");
      return discountPayload(ctx, ctx.store.activateDiscount(ctx.shop.domain, id ?? -1));
    },
    discountCodeDelete: (args, ctx) => {
      requireScope(ctx, "write_discounts", "discountCodeDelete");
      const id = parseGid(args.id, "DiscountCodeNode");
      const userErrors = ctx.store.deleteDiscount(ctx.shop.domain, id ?? -1);
      return { deletedCodeDiscountId: userErrors.length === 0 ? args.id : null, userErrors };
    },

    webhookSubscriptionCreate: (args, ctx) => {
      const raw = (args.webhookSubscription ?? {}) as Args;
      const uri = subscriptionUri(raw);
      if (!uri) {
        return { webhookSubscription: null, userErrors: [{ field: ["webhookSubscription", "callbackUrl"], message: "Address can't be blank" }] };
      }
      const res = ctx.store.createWebhookSubscription(ctx.shop.domain, {
        topic: topicFromEnum(String(args.topic)),
        uri,
        format: raw.format === "XML" ? "XML" : "JSON",
        includeFields: (raw.includeFields as string[] | undefined) ?? [],
        filter: (raw.filter as string | undefined) ?? null,
        name: (raw.name as string | undefined) ?? null,
      });
      return {
        webhookSubscription: res.subscription ? topicView(webhookSubscriptionView(res.subscription)) : null,
        userErrors: res.userErrors,
      };
    },
    webhookSubscriptionUpdate: (args, ctx) => {
      const id = parseGid(args.id, "WebhookSubscription");
      const s = id === null ? undefined : ctx.shop.webhookSubscriptions.get(id);
      if (!s) return { webhookSubscription: null, userErrors: [{ field: ["id"], message: "Webhook subscription does not exist" }] };
      const raw = (args.webhookSubscription ?? {}) as Args;
      const uri = subscriptionUri(raw);
      if (uri) s.uri = uri;
      if (raw.includeFields) s.includeFields = raw.includeFields as string[];
      if (raw.filter !== undefined) s.filter = (raw.filter as string | null) ?? null;
      if (raw.name !== undefined) s.name = (raw.name as string | null) ?? null;
      s.updatedAt = ctx.store.now();
      return { webhookSubscription: topicView(webhookSubscriptionView(s)), userErrors: [] };
    },
    webhookSubscriptionDelete: (args, ctx) => {
      const id = parseGid(args.id, "WebhookSubscription");
      if (id === null || !ctx.shop.webhookSubscriptions.delete(id)) {
        return { deletedWebhookSubscriptionId: null, userErrors: [{ field: ["id"], message: "Webhook subscription does not exist" }] };
      }
      return { deletedWebhookSubscriptionId: args.id, userErrors: [] };
    },

    bulkOperationRunQuery: (args, ctx) => {
      const q = String(args.query ?? "");
      let problem: string | null = null;
      try {
        const errs = validate(loadAdminSchema(), parse(q));
        if (errs.length > 0) problem = errs.map((e) => e.message).join("; ");
      } catch (e) {
        problem = (e as Error).message;
      }
      if (problem) {
        return { bulkOperation: null, userErrors: [{ field: ["query"], message: `Invalid bulk query: ${problem}`, code: "INVALID" }] };
      }
      const running = [...ctx.shop.bulkOperations.values()].filter((b) => b.status === "CREATED" || b.status === "RUNNING");
      if (running.length >= 5) {
        return {
          bulkOperation: null,
          userErrors: [
            {
              field: null,
              message: `A bulk query operation for this app and shop is already in progress: ${running.map((b) => gid("BulkOperation", b.id)).join(", ")}.`,
              code: "OPERATION_IN_PROGRESS",
            },
          ],
        };
      }
      if (!ctx.startBulkOperation) unsupported("bulk operations in this context");
      const started = ctx.startBulkOperation(ctx.shop, q);
      if ("error" in started) return { bulkOperation: null, userErrors: [{ field: ["query"], message: started.error, code: started.code }] };
      return { bulkOperation: bulkOperationView(ctx, started), userErrors: [] };
    },
  };

  return { query, mutation };
}

/** WebhookSubscription.topic is the enum value. */
function topicView(v: GqlObject): GqlObject {
  return { ...v, topic: topicToEnum(String(v.topic)) };
}

function discountNodes(args: Args, ctx: GqlContext, field: string): GqlObject {
  requireScope(ctx, "read_discounts", field);
  const parsed = parseSearchQuery(typeof args.query === "string" ? args.query : null);
  const items = [...ctx.shop.discounts.values()].filter((d) =>
    matchesSearch(
      parsed,
      d,
      {
        code: (x, t) => compareString(x.code, t),
        title: (x, t) => compareString(x.title, t),
        status: (x, t) => compareString(ctx.store.discountStatus(x), t),
        created_at: (x, t) => compareTime(x.createdAt, t, ctx.store.now()),
        updated_at: (x, t) => compareTime(x.updatedAt, t, ctx.store.now()),
      },
      (x, t) => `${x.code} ${x.title}`.toLowerCase().includes(t.value.toLowerCase()),
    ),
  );
  const conn = paginate(items, (d) => ({ cursorId: d.id, cursorValue: d.id }), args as ConnectionArgs, {
    requirePageSize: !ctx.bulk,
    fieldName: field,
  });
  return mapConnection(conn, (d) => discountNodeView(ctx, d));
}

function nodeById(ctx: GqlContext, id: unknown): GqlObject | null {
  if (typeof id !== "string") return null;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)/.exec(id);
  if (!m) return null;
  const n = Number(m[2]);
  switch (m[1]) {
    case "Order": {
      const o = ctx.shop.orders.get(n);
      return o && orderVisible(ctx, o) ? orderView(ctx, o) : null;
    }
    case "Refund": {
      for (const o of ctx.shop.orders.values()) {
        const r = o.refunds.find((x) => x.id === n);
        if (r) return refundView(ctx, o, r);
      }
      return null;
    }
    case "DiscountCodeNode": {
      const d = ctx.shop.discounts.get(n);
      return d ? discountNodeView(ctx, d) : null;
    }
    case "WebhookSubscription": {
      const s = ctx.shop.webhookSubscriptions.get(n);
      return s ? topicView(webhookSubscriptionView(s)) : null;
    }
    case "BulkOperation": {
      const b = ctx.shop.bulkOperations.get(n);
      return b ? bulkOperationView(ctx, b) : null;
    }
    default:
      return null;
  }
}
