/**
 * GraphQL-facing objects built from the store records. Each view is a plain object whose keys are
 * schema field names; fields that take arguments are functions `(args, ctx) => value` (graphql-js'
 * resolver convention). A field that is not a key of its view is reported as "not implemented by
 * the simulator" (see execute.ts) instead of silently returning null.
 */
import { isoUtcSeconds } from "../clock";
import { formatGraphql } from "../money";
import { lineAmounts, orderAmounts, type OrderAmounts } from "../order-math";
import type { Store } from "../store";
import type {
  AccessTokenRecord,
  AddressRecord,
  BulkOperationRecord,
  CustomerRecord,
  DiscountApplicationRecord,
  DiscountRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
  ShippingLineRecord,
  ShopRecord,
  TaxLineRecord,
  TransactionRecord,
  WebhookSubscriptionRecord,
} from "../types";
import { listConnection, type ConnectionArgs } from "./connection";

export interface GqlContext {
  store: Store;
  shop: ShopRecord;
  token: AccessTokenRecord | null;
  /** Bulk operations run without first/last. */
  bulk: boolean;
  /** `extensions.search` entries collected while resolving. */
  searchExtensions: { path: string[]; query: string; parsed: Record<string, unknown>; warnings: { field: string; message: string }[] }[];
  /** Hooks into the simulator for side effects (bulk operations). */
  startBulkOperation?: (shop: ShopRecord, query: string) => BulkOperationRecord | { error: string; code: string };
  appUrl?: string | null;
  baseUrl?: string | null;
}

export type GqlObject = Record<string, unknown>;
type Args = Record<string, unknown>;

export const gid = (type: string, id: number | string): string => `gid://shopify/${type}/${id}`;

export function parseGid(value: unknown, type?: string): number | null {
  if (typeof value !== "string") return null;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(value);
  if (!m || (type && m[1] !== type)) return null;
  return Number(m[2]);
}

const ts = (ms: number | null): string | null => (ms === null ? null : isoUtcSeconds(ms));

export function money(minor: number, currency: string): GqlObject {
  return { __typename: "MoneyV2", amount: formatGraphql(minor, currency), currencyCode: currency };
}

export function moneyBag(minor: number, currency: string): GqlObject {
  return { shopMoney: money(minor, currency), presentmentMoney: money(minor, currency) };
}

function connArgs(args: Args): ConnectionArgs {
  return args as ConnectionArgs;
}

function firstN<T>(items: readonly T[], args: Args): T[] {
  const first = typeof args.first === "number" ? args.first : null;
  return first === null ? [...items] : items.slice(0, Math.max(0, first));
}

// ------------------------------------------------------------------------------------------ shop

export function shopView(ctx: GqlContext, shop: ShopRecord): GqlObject {
  const handle = shop.domain.replace(/\.myshopify\.com$/, "");
  return {
    __typename: "Shop",
    id: gid("Shop", shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currency,
    enabledPresentmentCurrencies: [shop.currency],
    ianaTimezone: shop.timezone,
    taxesIncluded: shop.taxesIncluded,
    taxShipping: false,
    createdAt: ts(shop.createdAt),
    updatedAt: ts(shop.createdAt),
    url: `https://${shop.domain}`,
    primaryDomain: { __typename: "Domain", id: gid("Domain", shop.id), host: shop.domain, url: `https://${shop.domain}`, sslEnabled: true },
    plan: {
      __typename: "ShopPlan",
      partnerDevelopment: false,
      shopifyPlus: shop.plan === "plus" || shop.plan === "enterprise",
      publicDisplayName: { standard: "Basic", advanced: "Advanced", plus: "Plus", enterprise: "Plus" }[shop.plan],
      displayName: { standard: "Basic", advanced: "Advanced", plus: "Shopify Plus", enterprise: "Shopify Plus" }[shop.plan],
    },
    shopOwnerName: "Shop Owner",
    description: null,
    weightUnit: "KILOGRAMS",
    unitSystem: "METRIC_SYSTEM",
    setupRequired: false,
    checkoutApiSupported: true,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    orderNumberFormatPrefix: "#",
    orderNumberFormatSuffix: "",
    timezoneAbbreviation: "",
    timezoneOffset: "",
    timezoneOffsetMinutes: 0,
    richTextEditorUrl: `https://admin.shopify.com/store/${handle}/rich-text-editor`,
  };
}

export function appInstallationView(ctx: GqlContext): GqlObject {
  const scopes = ctx.token?.scopes ?? [];
  return {
    __typename: "AppInstallation",
    id: gid("AppInstallation", ctx.shop.id),
    accessScopes: scopes.map((handle) => ({ __typename: "AccessScope", handle, description: handle })),
    launchUrl: ctx.appUrl ?? `https://admin.shopify.com/store/${ctx.shop.domain.replace(/\.myshopify\.com$/, "")}/apps`,
    uninstallUrl: null,
    activeSubscriptions: [],
  };
}

// ------------------------------------------------------------------------------------------ discounts

export function discountNodeView(ctx: GqlContext, d: DiscountRecord): GqlObject {
  return {
    __typename: "DiscountCodeNode",
    id: gid("DiscountCodeNode", d.id),
    codeDiscount: discountCodeBasicView(ctx, d),
    discount: discountCodeBasicView(ctx, d),
    metafield: () => null,
  };
}

export function discountCodeBasicView(ctx: GqlContext, d: DiscountRecord): GqlObject {
  const shop = ctx.shop;
  const currency = shop.currency;
  const redeem = { __typename: "DiscountRedeemCode", id: gid("DiscountRedeemCode", d.redeemCodeId), code: d.code, asyncUsageCount: d.usageCount, createdBy: null };
  const value =
    d.value.type === "percentage"
      ? { __typename: "DiscountPercentage", percentage: d.value.percentage }
      : { __typename: "DiscountAmount", amount: money(d.value.amount, currency), appliesOnEachItem: d.value.appliesOnEachItem };
  const min = d.minimumRequirement;
  const totalSales = [...shop.orders.values()]
    .filter((o) => o.discountApplications.some((a) => a.discountId === d.id))
    .reduce((s, o) => s + orderAmounts(o).currentSubtotal, 0);
  return {
    __typename: "DiscountCodeBasic",
    title: d.title,
    status: ctx.store.discountStatus(d),
    summary: ctx.store.discountSummary(shop, d),
    shortSummary: ctx.store.discountSummary(shop, d).split(" • ")[0] ?? "",
    startsAt: ts(d.startsAt),
    endsAt: ts(d.endsAt),
    createdAt: ts(d.createdAt),
    updatedAt: ts(d.updatedAt),
    asyncUsageCount: d.usageCount,
    usageLimit: d.usageLimit,
    appliesOncePerCustomer: d.appliesOncePerCustomer,
    recurringCycleLimit: null,
    discountClass: "ORDER",
    discountClasses: ["ORDER"],
    hasTimelineComment: false,
    shareableUrls: [],
    tags: d.tags,
    totalSales: money(totalSales, currency),
    combinesWith: {
      __typename: "DiscountCombinesWith",
      productDiscounts: d.combinesWith.productDiscounts,
      orderDiscounts: d.combinesWith.orderDiscounts,
      shippingDiscounts: d.combinesWith.shippingDiscounts,
      productDiscountsWithTagsOnSameCartLine: null,
    },
    codes: (args: Args, c: GqlContext) =>
      listConnection([redeem], connArgs(args), () => d.redeemCodeId, { requirePageSize: !c.bulk, fieldName: "codes" }),
    codesCount: { __typename: "Count", count: 1, precision: "EXACT" },
    context: { __typename: "DiscountBuyerSelectionAll", all: "ALL" },
    customerSelection: { __typename: "DiscountCustomerAll", allCustomers: true },
    customerGets: {
      __typename: "DiscountCustomerGets",
      value,
      items: { __typename: "AllDiscountItems", allItems: true },
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
    },
    minimumRequirement:
      min === null
        ? null
        : min.type === "subtotal"
          ? { __typename: "DiscountMinimumSubtotal", greaterThanOrEqualToSubtotal: money(min.amount, currency) }
          : { __typename: "DiscountMinimumQuantity", greaterThanOrEqualToQuantity: String(min.quantity) },
  };
}

// ------------------------------------------------------------------------------------------ orders

export function orderView(ctx: GqlContext, order: OrderRecord): GqlObject {
  const cur = order.currency;
  let cached: OrderAmounts | null = null;
  const t = (): OrderAmounts => (cached ??= orderAmounts(order));
  const bag = (minor: number): GqlObject => moneyBag(minor, cur);
  const codes = order.discountApplications
    .filter((a) => a.type === "discount_code" || a.type === "manual")
    .map((a) => (a.type === "discount_code" ? a.code : a.title) ?? "");
  const apps = order.discountApplications.map((a, i) => discountApplicationView(a, i, cur));
  const refundable = order.paid && order.cancelledAt === null;
  return {
    __typename: "Order",
    id: gid("Order", order.id),
    legacyResourceId: String(order.id),
    name: order.name,
    number: order.number,
    createdAt: ts(order.createdAt),
    processedAt: ts(order.processedAt),
    updatedAt: ts(order.updatedAt),
    cancelledAt: ts(order.cancelledAt),
    cancelReason: order.cancelReason ? order.cancelReason.toUpperCase() : null,
    closed: order.closedAt !== null,
    closedAt: ts(order.closedAt),
    confirmed: true,
    test: order.test,
    sourceName: order.sourceName,
    sourceIdentifier: null,
    email: order.email === "" ? null : order.email,
    phone: order.phone,
    note: order.note,
    tags: order.tags ? order.tags.split(",").map((s) => s.trim()).filter(Boolean) : [],
    poNumber: null,
    confirmationNumber: order.confirmationNumber,
    customerLocale: order.customerLocale,
    clientIp: order.clientDetails.browser_ip,
    cartToken: order.cartToken,
    checkoutToken: order.checkoutToken,
    currencyCode: cur,
    presentmentCurrencyCode: cur,
    taxesIncluded: order.taxesIncluded,
    taxExempt: false,
    dutiesIncluded: false,
    estimatedTaxes: false,
    edited: false,
    get displayFinancialStatus() {
      return t().financialStatus.toUpperCase();
    },
    displayFulfillmentStatus: "UNFULFILLED",
    returnStatus: "NO_RETURN",
    fullyPaid: order.paid,
    unpaid: !order.paid,
    canMarkAsPaid: !order.paid && order.cancelledAt === null,
    capturable: false,
    get refundable() {
      return refundable && t().currentTotalPrice > 0;
    },
    restockable: order.cancelledAt === null,
    fulfillable: order.cancelledAt === null,
    requiresShipping: order.lineItems.some((l) => l.requiresShipping),
    merchantEditable: order.cancelledAt === null,
    merchantEditableErrors: [],
    paymentGatewayNames: [order.gateway],
    discountCode: codes[0] ?? null,
    discountCodes: codes,
    discountApplications: (args: Args, c: GqlContext) =>
      listConnection(apps, connArgs(args), (a) => Number(a.index), { requirePageSize: !c.bulk, fieldName: "discountApplications" }),
    get subtotalPriceSet() {
      return bag(t().subtotal);
    },
    get currentSubtotalPriceSet() {
      return bag(t().currentSubtotal);
    },
    get totalPriceSet() {
      return bag(t().totalPrice);
    },
    get originalTotalPriceSet() {
      return bag(t().totalPrice);
    },
    get currentTotalPriceSet() {
      return bag(t().currentTotalPrice);
    },
    get totalDiscountsSet() {
      return bag(t().totalDiscounts);
    },
    get currentTotalDiscountsSet() {
      return bag(t().currentTotalDiscounts);
    },
    cartDiscountAmountSet: null,
    currentCartDiscountAmountSet: bag(0),
    get totalShippingPriceSet() {
      return bag(t().totalShipping);
    },
    get currentShippingPriceSet() {
      return bag(t().currentShipping);
    },
    get totalTaxSet() {
      return bag(t().totalTax);
    },
    get currentTotalTaxSet() {
      return bag(t().currentTotalTax);
    },
    get totalRefundedSet() {
      return bag(t().totalRefunded);
    },
    get totalRefundedShippingSet() {
      return bag(t().refundedShipping);
    },
    get totalReceivedSet() {
      return bag(t().totalReceived);
    },
    get netPaymentSet() {
      return bag(t().netPayment);
    },
    get totalOutstandingSet() {
      return bag(t().totalOutstanding);
    },
    totalTipReceivedSet: bag(0),
    totalCapturableSet: bag(0),
    currentTotalDutiesSet: null,
    originalTotalDutiesSet: null,
    currentTotalAdditionalFeesSet: null,
    originalTotalAdditionalFeesSet: null,
    refundDiscrepancySet: bag(0),
    get taxLines() {
      return t().taxLines.map((x) => taxLineView(x, cur));
    },
    get currentTaxLines() {
      return t().taxLines.map((x) => taxLineView(x, cur));
    },
    subtotalLineItemsQuantity: order.lineItems.reduce((s, l) => s + l.quantity, 0),
    get currentSubtotalLineItemsQuantity() {
      return t().lines.reduce((s, l) => s + l.currentQuantity, 0);
    },
    totalWeight: String(order.lineItems.reduce((s, l) => s + l.grams * l.quantity, 0)),
    get currentTotalWeight() {
      return String(t().lines.reduce((s, l) => s + l.line.grams * l.currentQuantity, 0));
    },
    customAttributes: order.noteAttributes.map((a) => ({ __typename: "Attribute", key: a.name, value: a.value })),
    customer: order.customer ? customerView(ctx, order.customer) : null,
    customerAcceptsMarketing: order.buyerAcceptsMarketing,
    billingAddress: order.billingAddress ? mailingAddressView(order.billingAddress, order.id * 10 + 1) : null,
    shippingAddress: order.shippingAddress ? mailingAddressView(order.shippingAddress, order.id * 10 + 2) : null,
    displayAddress: order.billingAddress ? mailingAddressView(order.billingAddress, order.id * 10 + 1) : null,
    billingAddressMatchesShippingAddress: JSON.stringify(order.billingAddress) === JSON.stringify(order.shippingAddress),
    customerJourneySummary: customerJourneySummaryView(ctx, order),
    lineItems: (args: Args, c: GqlContext) =>
      listConnection(order.lineItems.map((l) => lineItemView(order, l, apps)), connArgs(args), (v) => parseGid(v.id) ?? 0, {
        requirePageSize: !c.bulk,
        fieldName: "lineItems",
      }),
    refunds: (args: Args) => firstN(order.refunds, args).map((r) => refundView(ctx, order, r, apps)),
    transactions: (args: Args) => firstN(allTransactions(order), args).map((tx) => transactionView(order, tx)),
    shippingLine: order.shippingLines[0] ? shippingLineView(order.shippingLines[0], cur) : null,
    shippingLines: (args: Args, c: GqlContext) =>
      listConnection(order.shippingLines.map((s) => shippingLineView(s, cur)), connArgs(args), (v) => parseGid(v.id) ?? 0, {
        requirePageSize: !c.bulk,
        fieldName: "shippingLines",
      }),
    statusPageUrl: () => `https://${ctx.shop.domain}/${ctx.shop.id}/orders/${order.token}/authenticate?key=${order.statusUrlKey}`,
    app: null,
    metafield: () => null,
    paymentTerms: null,
    disputes: [],
    additionalFees: [],
  };
}

function allTransactions(order: OrderRecord): TransactionRecord[] {
  return [...order.transactions, ...order.refunds.flatMap((r) => r.transactions)];
}

export function discountApplicationView(a: DiscountApplicationRecord, index: number, currency: string): GqlObject {
  const typename =
    a.type === "discount_code" ? "DiscountCodeApplication" : a.type === "manual" ? "ManualDiscountApplication" : "AutomaticDiscountApplication";
  const view: GqlObject = {
    __typename: typename,
    index,
    allocationMethod: a.allocationMethod.toUpperCase(),
    targetSelection: a.targetSelection.toUpperCase(),
    targetType: a.targetType.toUpperCase(),
    value:
      a.valueType === "percentage"
        ? { __typename: "PricingPercentageValue", percentage: a.value }
        : money(a.value, currency),
  };
  if (a.type === "discount_code") view.code = a.code ?? "";
  else view.title = a.title ?? "";
  if (a.type === "manual") view.description = a.description;
  return view;
}

function taxLineView(t: TaxLineRecord, currency: string): GqlObject {
  return {
    __typename: "TaxLine",
    title: t.title,
    rate: t.rate,
    ratePercentage: Math.round(t.rate * 100 * 1e6) / 1e6,
    priceSet: moneyBag(t.price, currency),
    channelLiable: false,
    source: null,
  };
}

export function lineItemView(order: OrderRecord, line: LineItemRecord, apps?: GqlObject[]): GqlObject {
  const cur = order.currency;
  const a = lineAmounts(order, line);
  const appViews = apps ?? order.discountApplications.map((x, i) => discountApplicationView(x, i, cur));
  const remainingNet = a.net - a.refundedNet;
  const perUnit = (minor: number, qty: number): number => (qty > 0 ? Math.round(minor / qty) : 0);
  return {
    __typename: "LineItem",
    id: gid("LineItem", line.id),
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    title: line.title,
    variantTitle: line.variantTitle,
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    currentQuantity: a.currentQuantity,
    refundableQuantity: order.cancelledAt === null ? a.currentQuantity : 0,
    unfulfilledQuantity: order.cancelledAt === null ? a.currentQuantity : 0,
    nonFulfillableQuantity: a.refundedQuantity,
    taxable: line.taxable,
    requiresShipping: line.requiresShipping,
    isGiftCard: line.giftCard,
    merchantEditable: order.cancelledAt === null,
    restockable: true,
    customAttributes: line.properties.map((p) => ({ __typename: "Attribute", key: p.name, value: p.value })),
    originalUnitPriceSet: moneyBag(line.price, cur),
    originalTotalSet: moneyBag(a.gross, cur),
    discountedUnitPriceSet: moneyBag(perUnit(a.net, line.quantity), cur),
    discountedUnitPriceAfterAllDiscountsSet: moneyBag(perUnit(a.net, line.quantity), cur),
    discountedTotalSet: () => moneyBag(a.net, cur),
    totalDiscountSet: moneyBag(a.discount, cur),
    unfulfilledDiscountedTotalSet: moneyBag(remainingNet, cur),
    unfulfilledOriginalTotalSet: moneyBag(line.price * a.currentQuantity, cur),
    // "after all discounts … excluding refunded and removed quantities. This value doesn't include taxes."
    priceAfterAllDiscountsBeforeTaxesSet: moneyBag(
      order.taxesIncluded ? remainingNet - (a.tax - a.refundedTax) : remainingNet,
      cur,
    ),
    discountAllocations: line.allocations.map((al) => ({
      __typename: "DiscountAllocation",
      allocatedAmountSet: moneyBag(al.amount, cur),
      discountApplication: appViews[al.applicationIndex] ?? null,
    })),
    taxLines: (args: Args) => firstN(line.taxLines, args).map((x) => taxLineView(x, cur)),
    duties: [],
    product: { __typename: "Product", id: gid("Product", line.productId), title: line.title, isGiftCard: line.giftCard },
    variant: { __typename: "ProductVariant", id: gid("ProductVariant", line.variantId), title: line.variantTitle ?? "Default Title", sku: line.sku },
    image: () => null,
    sellingPlan: null,
    contract: null,
    lineItemGroup: null,
    staffMember: null,
    weight: { __typename: "Weight", unit: "GRAMS", value: line.grams },
  };
}

function shippingLineView(s: ShippingLineRecord, currency: string): GqlObject {
  return {
    __typename: "ShippingLine",
    id: gid("ShippingLine", s.id),
    title: s.title,
    code: s.code,
    source: s.source,
    carrierIdentifier: null,
    custom: false,
    deliveryCategory: null,
    phone: null,
    shippingRateHandle: null,
    isRemoved: false,
    originalPriceSet: moneyBag(s.price, currency),
    discountedPriceSet: moneyBag(s.price, currency),
    currentDiscountedPriceSet: moneyBag(s.price, currency),
    discountAllocations: [],
    taxLines: s.taxLines.map((x) => taxLineView(x, currency)),
  };
}

export function refundView(ctx: GqlContext, order: OrderRecord, r: RefundRecord, apps?: GqlObject[]): GqlObject {
  const cur = order.currency;
  const value = r.lineItems.reduce((s, l) => s + l.subtotal + (order.taxesIncluded ? 0 : l.totalTax), 0) +
    (r.shipping ? r.shipping.amount + (order.taxesIncluded ? 0 : r.shipping.tax) : 0);
  const refunded = r.transactions.length > 0 ? r.transactions.reduce((s, t) => s + t.amount, 0) : 0;
  const shippingLine = r.shipping ? order.shippingLines.find((s) => s.id === r.shipping?.shippingLineId) : undefined;
  const rsl = r.shipping && shippingLine
    ? [{
        __typename: "RefundShippingLine",
        id: gid("RefundShippingLine", r.shipping.id),
        shippingLine: shippingLineView(shippingLine, cur),
        subtotalAmountSet: moneyBag(r.shipping.amount, cur),
        taxAmountSet: moneyBag(r.shipping.tax, cur),
      }]
    : [];
  const adjustments = r.shipping
    ? [{
        __typename: "OrderAdjustment",
        id: gid("OrderAdjustment", r.shipping.adjustmentId),
        reason: null,
        amountSet: moneyBag(-r.shipping.amount, cur),
        taxAmountSet: moneyBag(-r.shipping.tax, cur),
      }]
    : [];
  const lines = r.lineItems.map((rli) => {
    const line = order.lineItems.find((l) => l.id === rli.lineItemId);
    return {
      __typename: "RefundLineItem",
      id: gid("RefundLineItem", rli.id),
      quantity: rli.quantity,
      restockType: rli.restockType.toUpperCase(),
      restocked: rli.restockType !== "no_restock",
      location: null,
      lineItem: line ? lineItemView(order, line, apps) : null,
      priceSet: moneyBag(line?.price ?? 0, cur),
      subtotalSet: moneyBag(rli.subtotal, cur),
      totalTaxSet: moneyBag(rli.totalTax, cur),
    };
  });
  const req = (c: GqlContext) => ({ requirePageSize: !c.bulk });
  return {
    __typename: "Refund",
    id: gid("Refund", r.id),
    legacyResourceId: String(r.id),
    createdAt: ts(r.createdAt),
    processedAt: ts(r.createdAt),
    updatedAt: ts(r.createdAt),
    note: r.note,
    // Money actually returned; equals the refund value when the order was paid.
    totalRefundedSet: moneyBag(order.paid ? refunded : value, cur),
    refundLineItems: (args: Args, c: GqlContext) => listConnection(lines, connArgs(args), (l) => parseGid(l.id) ?? 0, { ...req(c), fieldName: "refundLineItems" }),
    refundShippingLines: (args: Args, c: GqlContext) => listConnection(rsl, connArgs(args), (l) => parseGid(l.id) ?? 0, { ...req(c), fieldName: "refundShippingLines" }),
    orderAdjustments: (args: Args, c: GqlContext) => listConnection(adjustments, connArgs(args), (l) => parseGid(l.id) ?? 0, { ...req(c), fieldName: "orderAdjustments" }),
    transactions: (args: Args, c: GqlContext) =>
      listConnection(r.transactions.map((tx) => transactionView(order, tx)), connArgs(args), (t) => parseGid(t.id) ?? 0, { ...req(c), fieldName: "transactions" }),
    duties: [],
    return: null,
    staffMember: null,
    get order() {
      return orderView(ctx, order);
    },
  };
}

function transactionView(order: OrderRecord, tx: TransactionRecord): GqlObject {
  const cur = order.currency;
  return {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", tx.id),
    kind: tx.kind.toUpperCase(),
    status: tx.status.toUpperCase(),
    gateway: tx.gateway,
    formattedGateway: tx.gateway === "manual" ? "Manual" : "Shopify Payments",
    amountSet: moneyBag(tx.amount, cur),
    createdAt: ts(tx.createdAt),
    processedAt: ts(tx.createdAt),
    test: tx.test,
    paymentId: tx.paymentId,
    manualPaymentGateway: tx.gateway === "manual",
    manuallyCapturable: false,
    multiCapturable: false,
    fees: [],
    errorCode: null,
    parentTransaction: null,
    totalUnsettledSet: moneyBag(0, cur),
    accountNumber: null,
    authorizationExpiresAt: null,
    receiptJson: "{}",
  };
}

function customerView(ctx: GqlContext, c: CustomerRecord): GqlObject {
  const live = ctx.shop.customers.get(c.id) ?? c;
  return {
    __typename: "Customer",
    id: gid("Customer", live.id),
    legacyResourceId: String(live.id),
    firstName: live.firstName,
    lastName: live.lastName,
    displayName: [live.firstName, live.lastName].filter(Boolean).join(" ") || live.email || "",
    email: live.email,
    phone: live.phone,
    note: null,
    tags: live.tags ? live.tags.split(",").map((s) => s.trim()).filter(Boolean) : [],
    createdAt: ts(live.createdAt),
    updatedAt: ts(live.updatedAt),
    verifiedEmail: true,
    taxExempt: false,
    taxExemptions: [],
    state: "DISABLED",
    locale: "en",
    multipassIdentifier: null,
    defaultEmailAddress: live.email ? { __typename: "CustomerEmailAddress", emailAddress: live.email } : null,
    defaultAddress: live.defaultAddress ? mailingAddressView(live.defaultAddress, live.defaultAddressId) : null,
    numberOfOrders: String([...ctx.shop.orders.values()].filter((o) => o.customerId === live.id).length),
  };
}

function mailingAddressView(a: AddressRecord, id: number): GqlObject {
  return {
    __typename: "MailingAddress",
    id: gid("MailingAddress", id),
    firstName: a.first_name,
    lastName: a.last_name,
    name: a.name,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    provinceCode: a.province_code,
    country: a.country,
    countryCodeV2: a.country_code,
    zip: a.zip,
    phone: a.phone,
    latitude: a.latitude,
    longitude: a.longitude,
    coordinatesValidated: false,
    timeZone: null,
    formatted: () => [a.address1, a.address2, [a.city, a.province_code, a.zip].filter(Boolean).join(" "), a.country].filter((x): x is string => !!x),
    formattedArea: [a.city, a.province_code, a.country].filter(Boolean).join(", "),
  };
}

const SOURCE_NAMES: Record<string, string> = {
  "instagram.com": "Instagram",
  "l.instagram.com": "Instagram",
  "youtube.com": "YouTube",
  "tiktok.com": "TikTok",
  "facebook.com": "Facebook",
  "l.facebook.com": "Facebook",
  "google.com": "Google",
  "twitter.com": "Twitter",
  "x.com": "X",
  "pinterest.com": "Pinterest",
};

function customerJourneySummaryView(ctx: GqlContext, order: OrderRecord): GqlObject {
  if (!order.landingSite && !order.referringSite) {
    return { __typename: "CustomerJourneySummary", ready: true, firstVisit: null, lastVisit: null, customerOrderIndex: 0, daysToConversion: 0 };
  }
  let landingPage: string | null = null;
  let utm: GqlObject | null = null;
  if (order.landingSite) {
    try {
      const url = new URL(order.landingSite, `https://${ctx.shop.domain}`);
      landingPage = url.toString();
      const p = url.searchParams;
      if (["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"].some((k) => p.has(k))) {
        utm = {
          __typename: "UTMParameters",
          source: p.get("utm_source"),
          medium: p.get("utm_medium"),
          campaign: p.get("utm_campaign"),
          content: p.get("utm_content"),
          term: p.get("utm_term"),
        };
      }
    } catch {
      landingPage = null;
    }
  }
  let source = "direct";
  if (order.referringSite) {
    try {
      const host = new URL(order.referringSite).hostname.replace(/^www\./, "");
      source = SOURCE_NAMES[host] ?? host;
    } catch {
      source = order.referringSite;
    }
  }
  const visit = {
    __typename: "CustomerVisit",
    id: gid("CustomerVisit", order.id),
    occurredAt: ts(order.createdAt),
    landingPage,
    landingPageHtml: null,
    referrerUrl: order.referringSite,
    referralCode: order.landingSiteRef,
    referralInfoHtml: order.landingSiteRef ? `referral code <b>${order.landingSiteRef}</b>` : "",
    source,
    sourceDescription: null,
    sourceType: null,
    marketingEvent: null,
    utmParameters: utm,
  };
  return { __typename: "CustomerJourneySummary", ready: true, firstVisit: visit, lastVisit: visit, customerOrderIndex: 0, daysToConversion: 0 };
}

// ------------------------------------------------------------------------------------------ webhooks & bulk

export function webhookSubscriptionView(s: WebhookSubscriptionRecord): GqlObject {
  return {
    __typename: "WebhookSubscription",
    id: gid("WebhookSubscription", s.id),
    legacyResourceId: String(s.id),
    topic: s.topic,
    uri: s.uri,
    callbackUrl: s.uri,
    endpoint: { __typename: "WebhookHttpEndpoint", callbackUrl: s.uri },
    format: s.format,
    includeFields: s.includeFields,
    metafieldNamespaces: [],
    metafields: [],
    filter: s.filter,
    name: s.name,
    apiVersion: { __typename: "ApiVersion", handle: "2026-07", displayName: "2026-07", supported: true },
    createdAt: ts(s.createdAt),
    updatedAt: ts(s.updatedAt),
  };
}

export function bulkOperationView(ctx: GqlContext, b: BulkOperationRecord): GqlObject {
  const url = b.status === "COMPLETED" && ctx.baseUrl ? `${ctx.baseUrl}/_sim/bulk/${b.id}.jsonl` : null;
  return {
    __typename: "BulkOperation",
    id: gid("BulkOperation", b.id),
    status: b.status,
    type: "QUERY",
    errorCode: b.errorCode,
    createdAt: ts(b.createdAt),
    completedAt: ts(b.completedAt),
    objectCount: String(b.objectCount),
    rootObjectCount: String(b.rootObjectCount),
    fileSize: b.result === null ? null : String(Buffer.byteLength(b.result)),
    url: url,
    partialDataUrl: null,
    query: b.query,
  };
}
