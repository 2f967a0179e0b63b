/**
 * REST-shaped webhook bodies (API 2026-07), field for field like the fixtures in
 * lib/shopify/__fixtures__ (same keys, same nesting, same value types, same key order):
 *  - orders/create, orders/updated, orders/paid, orders/cancelled -> `orderPayload`
 *  - refunds/create -> `refundPayload` (top-level refund object, not wrapped)
 *  - app/uninstalled -> `shopPayload`
 *  - customers/data_request, customers/redact, shop/redact -> `*Payload` below
 * Money leaves the simulator here: minor units -> "85.00" strings (and JSON numbers for the two
 * legacy `subtotal`/`total_tax` fields on refund line items, as Shopify sends them).
 */
import { isoInZone } from "./clock";
import { currencyExponent, formatDecimalNumber, formatRest } from "./money";
import { lineAmounts, orderAmounts, type OrderAmounts } from "./order-math";
import type {
  AddressRecord,
  CustomerRecord,
  DiscountApplicationRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
  ShippingLineRecord,
  ShopRecord,
  TaxLineRecord,
  TransactionRecord,
} from "./types";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

interface Ctx {
  shop: ShopRecord;
  currency: string;
  ts: (ms: number) => string;
  money: (minor: number) => string;
  set: (minor: number) => JsonObject;
}

function ctxFor(shop: ShopRecord, currency: string): Ctx {
  const money = (minor: number): string => formatRest(minor, currency);
  return {
    shop,
    currency,
    ts: (ms) => isoInZone(ms, shop.timezone),
    money,
    set: (minor) => ({
      shop_money: { amount: money(minor), currency_code: currency },
      presentment_money: { amount: money(minor), currency_code: currency },
    }),
  };
}

const gid = (type: string, id: number): string => `gid://shopify/${type}/${id}`;

// ------------------------------------------------------------------------------------------ order

export function orderPayload(shop: ShopRecord, order: OrderRecord): JsonObject {
  const c = ctxFor(shop, order.currency);
  const t = orderAmounts(order);
  const cancelled = order.cancelledAt !== null;
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    app_id: order.appId,
    browser_ip: order.clientDetails.browser_ip,
    buyer_accepts_marketing: order.buyerAcceptsMarketing,
    cancel_reason: order.cancelReason,
    cancelled_at: order.cancelledAt === null ? null : c.ts(order.cancelledAt),
    cart_token: order.cartToken,
    checkout_id: order.checkoutId,
    checkout_token: order.checkoutToken,
    client_details: {
      accept_language: order.clientDetails.accept_language,
      browser_height: null,
      browser_ip: order.clientDetails.browser_ip,
      browser_width: null,
      session_hash: null,
      user_agent: order.clientDetails.user_agent,
    },
    closed_at: order.closedAt === null ? null : c.ts(order.closedAt),
    company: null,
    confirmation_number: order.confirmationNumber,
    confirmed: true,
    contact_email: order.email === "" ? null : order.email,
    created_at: c.ts(order.createdAt),
    currency: order.currency,
    current_shipping_price_set: c.set(t.currentShipping),
    current_subtotal_price: c.money(t.currentSubtotal),
    current_subtotal_price_set: c.set(t.currentSubtotal),
    current_total_additional_fees_set: null,
    current_total_discounts: c.money(t.currentTotalDiscounts),
    current_total_discounts_set: c.set(t.currentTotalDiscounts),
    current_total_duties_set: null,
    current_total_price: c.money(t.currentTotalPrice),
    current_total_price_set: c.set(t.currentTotalPrice),
    current_total_tax: c.money(t.currentTotalTax),
    current_total_tax_set: c.set(t.currentTotalTax),
    customer_locale: order.customerLocale,
    device_id: null,
    discount_codes: discountCodes(c, order),
    duties_included: false,
    email: order.email,
    estimated_taxes: false,
    financial_status: t.financialStatus,
    fulfillment_status: null,
    landing_site: order.landingSite,
    landing_site_ref: order.landingSiteRef,
    location_id: null,
    merchant_business_entity_id: Buffer.from(String(shop.id)).toString("base64").replace(/=+$/, ""),
    merchant_of_record_app_id: null,
    name: order.name,
    note: order.note,
    note_attributes: order.noteAttributes.map((a) => ({ name: a.name, value: a.value })),
    number: order.number,
    order_number: order.orderNumber,
    order_status_url: `https://${shop.domain}/${shop.id}/orders/${order.token}/authenticate?key=${order.statusUrlKey}`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: [order.gateway],
    phone: order.phone,
    po_number: null,
    presentment_currency: order.currency,
    processed_at: c.ts(order.processedAt),
    reference: null,
    referring_site: order.referringSite,
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
    subtotal_price: c.money(t.subtotal),
    subtotal_price_set: c.set(t.subtotal),
    tags: order.tags,
    tax_exempt: false,
    tax_lines: t.taxLines.map((x) => taxLine(c, x)),
    taxes_included: order.taxesIncluded,
    test: order.test,
    token: order.token,
    total_cash_rounding_payment_adjustment_set: c.set(0),
    total_cash_rounding_refund_adjustment_set: c.set(0),
    total_discounts: c.money(t.totalDiscounts),
    total_discounts_set: c.set(t.totalDiscounts),
    total_line_items_price: c.money(t.totalLineItemsPrice),
    total_line_items_price_set: c.set(t.totalLineItemsPrice),
    total_outstanding: c.money(t.totalOutstanding),
    total_price: c.money(t.totalPrice),
    total_price_set: c.set(t.totalPrice),
    total_shipping_price_set: c.set(t.totalShipping),
    total_tax: c.money(t.totalTax),
    total_tax_set: c.set(t.totalTax),
    total_tip_received: c.money(0),
    total_weight: order.lineItems.reduce((s, l) => s + l.grams * l.quantity, 0),
    updated_at: c.ts(order.updatedAt),
    user_id: order.userId,
    billing_address: order.billingAddress ? address(order.billingAddress) : null,
    customer: order.customer ? customer(c, order.customer) : null,
    discount_applications: order.discountApplications.map(discountApplication(c)),
    fulfillments: [],
    line_items: order.lineItems.map((l) => orderLineItem(c, order, l, { cancelled, withGroup: true })),
    payment_terms: null,
    refunds: order.refunds.map((r) => embeddedRefund(c, order, r)),
    shipping_address: order.shippingAddress ? address(order.shippingAddress) : null,
    shipping_lines: order.shippingLines.map((s) => shippingLine(c, s, t, true)),
    returns: [],
    line_item_groups: [],
  };
}

function discountCodes(c: Ctx, order: OrderRecord): JsonObject[] {
  // Codes, plus manual (draft order) discounts under their title: a real Shopify quirk.
  return order.discountApplications
    .filter((a) => a.type === "discount_code" || a.type === "manual")
    .map((a) => ({
      code: (a.type === "discount_code" ? a.code : a.title) ?? "",
      amount: c.money(a.amount),
      type: a.valueType,
    }));
}

function discountApplication(c: Ctx) {
  return (a: DiscountApplicationRecord): JsonObject => {
    const base: JsonObject = {
      target_type: a.targetType,
      type: a.type,
      value: a.valueType === "percentage" ? formatDecimalNumber(a.value) : formatDecimalNumber(a.value / 10 ** currencyExponent(c.currency)),
      value_type: a.valueType,
      allocation_method: a.allocationMethod,
      target_selection: a.targetSelection,
    };
    if (a.type === "discount_code") base.code = a.code ?? "";
    else base.title = a.title ?? "";
    if (a.type === "manual") base.description = a.description;
    return base;
  };
}

function taxLine(c: Ctx, t: TaxLineRecord): JsonObject {
  return { channel_liable: false, price: c.money(t.price), price_set: c.set(t.price), rate: t.rate, title: t.title };
}

function allocations(c: Ctx, line: LineItemRecord): JsonObject[] {
  return line.allocations.map((a) => ({
    amount: c.money(a.amount),
    amount_set: c.set(a.amount),
    discount_application_index: a.applicationIndex,
  }));
}

function lineName(line: LineItemRecord): string {
  return line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title;
}

function orderLineItem(
  c: Ctx,
  order: OrderRecord,
  line: LineItemRecord,
  opts: { cancelled: boolean; withGroup: boolean },
): JsonObject {
  const a = lineAmounts(order, line);
  const out: JsonObject = {
    id: line.id,
    admin_graphql_api_id: gid("LineItem", line.id),
    attributed_staffs: [],
    current_quantity: a.currentQuantity,
    fulfillable_quantity: opts.cancelled ? 0 : a.currentQuantity,
    fulfillment_service: "manual",
    fulfillment_status: null,
    gift_card: line.giftCard,
    grams: line.grams,
    name: lineName(line),
    price: c.money(line.price),
    price_set: c.set(line.price),
    product_exists: true,
    product_id: line.productId,
    properties: line.properties.map((p) => ({ name: p.name, value: p.value })),
    quantity: line.quantity,
    requires_shipping: line.requiresShipping,
  };
  if (opts.withGroup) out.sales_line_item_group_id = null;
  Object.assign(out, {
    sku: line.sku,
    taxable: line.taxable,
    title: line.title,
    // Legacy field: Shopify keeps it at 0.00 even when allocations exist (real captures).
    total_discount: c.money(0),
    total_discount_set: c.set(0),
    variant_id: line.variantId,
    variant_inventory_management: "shopify",
    variant_title: line.variantTitle,
    vendor: line.vendor,
    tax_lines: line.taxLines.map((x) => taxLine(c, x)),
    duties: [],
    discount_allocations: allocations(c, line),
  });
  return out;
}

function shippingLine(c: Ctx, s: ShippingLineRecord, t: OrderAmounts | null, onOrder: boolean): JsonObject {
  const out: JsonObject = {
    id: s.id,
    carrier_identifier: null,
    code: s.code,
  };
  if (onOrder) out.current_discounted_price_set = c.set(t ? s.price - Math.min(s.price, t.refundedShipping) : s.price);
  out.discounted_price = c.money(s.price);
  out.discounted_price_set = c.set(s.price);
  if (onOrder) out.is_removed = false;
  Object.assign(out, {
    phone: null,
    price: c.money(s.price),
    price_set: c.set(s.price),
    requested_fulfillment_service_id: null,
    source: s.source,
    title: s.title,
    tax_lines: s.taxLines.map((x) => taxLine(c, x)),
    discount_allocations: [],
  });
  return out;
}

function address(a: AddressRecord): JsonObject {
  return {
    first_name: a.first_name,
    address1: a.address1,
    phone: a.phone,
    city: a.city,
    zip: a.zip,
    province: a.province,
    country: a.country,
    last_name: a.last_name,
    address2: a.address2,
    company: a.company,
    latitude: a.latitude,
    longitude: a.longitude,
    name: a.name,
    country_code: a.country_code,
    province_code: a.province_code,
  };
}

function customer(c: Ctx, cust: CustomerRecord): JsonObject {
  const a = cust.defaultAddress;
  return {
    id: cust.id,
    created_at: c.ts(cust.createdAt),
    updated_at: c.ts(cust.updatedAt),
    first_name: cust.firstName,
    last_name: cust.lastName,
    state: "disabled",
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    email: cust.email,
    phone: cust.phone,
    email_marketing_consent: { state: "not_subscribed", opt_in_level: "single_opt_in", consent_updated_at: null },
    sms_marketing_consent: null,
    tags: cust.tags,
    currency: c.currency,
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", cust.id),
    default_address: a
      ? {
          id: cust.defaultAddressId,
          customer_id: cust.id,
          first_name: a.first_name,
          last_name: a.last_name,
          company: a.company,
          address1: a.address1,
          address2: a.address2,
          city: a.city,
          province: a.province,
          country: a.country,
          zip: a.zip,
          phone: a.phone,
          name: a.name,
          province_code: a.province_code,
          country_code: a.country_code,
          country_name: a.country,
          default: true,
        }
      : null,
  };
}

// ------------------------------------------------------------------------------------------ refunds

function transactionShared(c: Ctx, order: OrderRecord, tx: TransactionRecord): JsonObject {
  return {
    id: tx.id,
    admin_graphql_api_id: gid("OrderTransaction", tx.id),
    amount: c.money(tx.amount),
    authorization: null,
    created_at: c.ts(tx.createdAt),
    currency: order.currency,
    device_id: null,
    error_code: null,
    gateway: tx.gateway,
    kind: tx.kind,
    location_id: null,
    message: tx.message,
    order_id: order.id,
    parent_id: tx.parentId,
    payment_id: tx.paymentId,
    processed_at: c.ts(tx.createdAt),
    receipt: {},
    source_name: "1830279",
    status: tx.status,
    test: tx.test,
    user_id: tx.userId,
  };
}

/** A refund as embedded in an order's `refunds[]` (REST Order 2026-07 / orders/cancelled shape). */
function embeddedRefund(c: Ctx, order: OrderRecord, r: RefundRecord): JsonObject {
  return {
    id: r.id,
    admin_graphql_api_id: gid("Refund", r.id),
    created_at: c.ts(r.createdAt),
    note: r.note,
    order_id: order.id,
    processed_at: c.ts(r.createdAt),
    restock: r.restock,
    total_additional_fees_set: c.set(0),
    total_duties_set: c.set(0),
    user_id: r.userId,
    order_adjustments: orderAdjustments(c, order, r),
    transactions: r.transactions.map((tx) => transactionShared(c, order, tx)),
    refund_line_items: r.lineItems.map((rli) => {
      const line = order.lineItems.find((l) => l.id === rli.lineItemId);
      return {
        id: rli.id,
        line_item_id: rli.lineItemId,
        location_id: rli.locationId,
        quantity: rli.quantity,
        restock_type: rli.restockType,
        subtotal: toNumber(rli.subtotal, order.currency),
        subtotal_set: c.set(rli.subtotal),
        total_tax: toNumber(rli.totalTax, order.currency),
        total_tax_set: c.set(rli.totalTax),
        line_item: line ? orderLineItem(c, order, line, { cancelled: order.cancelledAt !== null, withGroup: false }) : null,
      };
    }),
    duties: [],
    additional_fees: [],
  };
}

function orderAdjustments(c: Ctx, order: OrderRecord, r: RefundRecord): JsonObject[] {
  if (!r.shipping) return [];
  return [
    {
      id: r.shipping.adjustmentId,
      order_id: order.id,
      refund_id: r.id,
      amount: c.money(-r.shipping.amount),
      tax_amount: c.money(-r.shipping.tax),
      kind: "shipping_refund",
      reason: "Shipping refund",
      amount_set: c.set(-r.shipping.amount),
      tax_amount_set: c.set(-r.shipping.tax),
    },
  ];
}

/** The `refunds/create` webhook body: the refund itself, top level. */
export function refundPayload(shop: ShopRecord, order: OrderRecord, r: RefundRecord): JsonObject {
  const c = ctxFor(shop, order.currency);
  const shippingLineRec = r.shipping ? order.shippingLines.find((s) => s.id === r.shipping?.shippingLineId) : undefined;
  return {
    id: r.id,
    order_id: order.id,
    created_at: c.ts(r.createdAt),
    note: r.note,
    user_id: r.userId,
    processed_at: c.ts(r.createdAt),
    duties: [],
    total_duties_set: c.set(0),
    return: null,
    refund_shipping_lines:
      r.shipping && shippingLineRec
        ? [
            {
              id: r.shipping.id,
              shipping_line_id: r.shipping.shippingLineId,
              subtotal_amount_set: c.set(r.shipping.amount),
              shipping_line: shippingLine(c, shippingLineRec, null, false),
            },
          ]
        : [],
    restock: r.restock,
    admin_graphql_api_id: gid("Refund", r.id),
    order_adjustments: orderAdjustments(c, order, r),
    refund_line_items: r.lineItems.map((rli) => {
      const line = order.lineItems.find((l) => l.id === rli.lineItemId);
      return {
        id: rli.id,
        quantity: rli.quantity,
        line_item_id: rli.lineItemId,
        location_id: rli.locationId,
        restock_type: rli.restockType,
        subtotal: toNumber(rli.subtotal, order.currency),
        total_tax: toNumber(rli.totalTax, order.currency),
        subtotal_set: c.set(rli.subtotal),
        total_tax_set: c.set(rli.totalTax),
        line_item: line ? refundLineItemLine(c, order, line) : null,
      };
    }),
    transactions: r.transactions.map((tx) => ({
      id: tx.id,
      order_id: order.id,
      kind: tx.kind,
      gateway: tx.gateway,
      status: tx.status,
      message: tx.message,
      created_at: c.ts(tx.createdAt),
      test: tx.test,
      authorization: null,
      location_id: null,
      user_id: tx.userId,
      parent_id: tx.parentId,
      processed_at: c.ts(tx.createdAt),
      device_id: null,
      error_code: null,
      source_name: "1830279",
      receipt: {},
      amount: c.money(tx.amount),
      currency: order.currency,
      payment_id: tx.paymentId,
      total_unsettled_set: {
        presentment_money: { amount: "0.0", currency: order.currency },
        shop_money: { amount: "0.0", currency: order.currency },
      },
      manual_payment_gateway: tx.gateway === "manual",
      amount_rounding: null,
      admin_graphql_api_id: gid("OrderTransaction", tx.id),
    })),
  };
}

/** The nested `line_item` of a refunds/create refund line (its own key set/order). */
function refundLineItemLine(c: Ctx, order: OrderRecord, line: LineItemRecord): JsonObject {
  const a = lineAmounts(order, line);
  return {
    id: line.id,
    variant_id: line.variantId,
    title: line.title,
    quantity: line.quantity,
    sku: line.sku,
    variant_title: line.variantTitle,
    vendor: line.vendor,
    fulfillment_service: "manual",
    product_id: line.productId,
    requires_shipping: line.requiresShipping,
    taxable: line.taxable,
    gift_card: line.giftCard,
    name: lineName(line),
    variant_inventory_management: "shopify",
    properties: line.properties.map((p) => ({ name: p.name, value: p.value })),
    product_exists: true,
    fulfillable_quantity: order.cancelledAt !== null ? 0 : a.currentQuantity,
    grams: line.grams,
    price: c.money(line.price),
    total_discount: c.money(0),
    fulfillment_status: null,
    price_set: c.set(line.price),
    total_discount_set: c.set(0),
    discount_allocations: allocations(c, line),
    duties: [],
    admin_graphql_api_id: gid("LineItem", line.id),
    tax_lines: line.taxLines.map((x) => taxLine(c, x)),
  };
}

function toNumber(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

// ------------------------------------------------------------------------------------------ shop & privacy

/** app/uninstalled body: the Shop resource (same keys as Shopify's 2026-07 sample). */
export function shopPayload(shop: ShopRecord): JsonObject {
  const planName = { standard: "basic", advanced: "advanced", plus: "shopify_plus", enterprise: "enterprise" }[shop.plan];
  const planDisplay = { standard: "Basic", advanced: "Advanced", plus: "Shopify Plus", enterprise: "Shopify Plus" }[shop.plan];
  return {
    id: shop.id,
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    province: "Oregon",
    country: "US",
    address1: "123 Example Street",
    zip: "97201",
    city: "Portland",
    source: null,
    phone: "5555550100",
    latitude: null,
    longitude: null,
    primary_locale: "en",
    address2: null,
    created_at: isoInZone(shop.createdAt, shop.timezone),
    updated_at: isoInZone(shop.createdAt, shop.timezone),
    country_code: "US",
    country_name: "United States",
    currency: shop.currency,
    customer_email: shop.email,
    timezone: `(GMT${isoInZone(shop.createdAt, shop.timezone).slice(-6)}) ${shop.timezone}`,
    iana_timezone: shop.timezone,
    shop_owner: "Shop Owner",
    money_format: "${{amount}}",
    money_with_currency_format: `\${{amount}} ${shop.currency}`,
    weight_unit: "kg",
    province_code: "OR",
    taxes_included: shop.taxesIncluded,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: planDisplay,
    plan_name: planName,
    has_discounts: shop.discounts.size > 0,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: "${{amount}}",
    money_with_currency_in_emails_format: `\${{amount}} ${shop.currency}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: false,
    has_storefront: true,
    finances: true,
    primary_location_id: shop.primaryLocationId,
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [shop.currency],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

export interface PrivacyCustomer {
  id: number;
  email: string | null;
  phone: string | null;
}

export function customersDataRequestPayload(
  shop: ShopRecord,
  customer: PrivacyCustomer,
  orderIds: number[],
  dataRequestId: number,
): JsonObject {
  return {
    shop_id: shop.id,
    shop_domain: shop.domain,
    customer: { id: customer.id, email: customer.email, phone: customer.phone },
    orders_requested: orderIds,
    data_request: { id: dataRequestId },
  };
}

export function customersRedactPayload(shop: ShopRecord, customer: PrivacyCustomer, orderIds: number[]): JsonObject {
  return {
    shop_id: shop.id,
    shop_domain: shop.domain,
    customer: { id: customer.id, email: customer.email, phone: customer.phone },
    orders_to_redact: orderIds,
  };
}

export function shopRedactPayload(shop: ShopRecord): JsonObject {
  return { shop_id: shop.id, shop_domain: shop.domain };
}
