import { z } from "zod";
import { toDecimalString } from "@/lib/money";
import { ZOrderPayload, type TOrderPayload } from "@/lib/shopify/payloads";

/**
 * Admin GraphQL order nodes (ORDERS_SYNC_PAGE, and ORDERS_BACKFILL's richer shape) → the REST
 * webhook payload Tally already understands (`TOrderPayload`), so that an order read by the backfill
 * or the reconciliation goes through exactly the same path as a webhook (`applyShopifyOrder`) and
 * is recorded with the same facts:
 *
 * - money in shop money (`shopMoney`), as webhooks' `shop_money`;
 * - codes from `discountApplications` of type DiscountCodeApplication, in Shopify's application
 *   order (`index`): only those are checkout codes; `discountCodes` (which also lists a draft
 *   order's manual title) becomes `discount_codes` like REST;
 * - refunds with their lines' `subtotalSet`/`totalTaxSet` and their shipping lines;
 * - customer id, email, landing site (the first visit's landing page, as a path like REST's
 *   `landing_site`), referring site, note attributes, created/updated/cancelled times, `test`,
 *   `taxesIncluded` and — when fetched (ORDER_SYNC_DETAILS) — line-item tax lines.
 *
 * What a page does not carry is kept from what Tally stored (`KeptFacts`), because recording the
 * order replaces its facts: the customer's name (protected customer data, not needed for
 * attribution), the email if Shopify withholds it, and the line tax of an order whose prices
 * exclude tax (line taxes are fetched only when prices include them: then they move money).
 */

const ZMoney = z.object({ amount: z.union([z.string(), z.number()]).transform(String), currencyCode: z.string().length(3) }).passthrough();
const ZMoneyBag = z.object({ shopMoney: ZMoney }).passthrough();
const ZPageInfo = z.object({ hasNextPage: z.boolean() }).passthrough();

const ZDiscountApplication = z
  .object({
    __typename: z.string(),
    index: z.number().int(),
    code: z.string().nullish(),
    title: z.string().nullish(),
  })
  .passthrough();
const ZDiscountApplications = z.object({ pageInfo: ZPageInfo.optional(), nodes: z.array(ZDiscountApplication) }).passthrough();

const ZRefundLine = z
  .object({
    quantity: z.number().int().nullish(),
    lineItem: z.object({ id: z.string() }).passthrough().nullish(),
    subtotalSet: ZMoneyBag,
    totalTaxSet: ZMoneyBag.nullish(),
  })
  .passthrough();
const ZRefundLines = z.object({ pageInfo: ZPageInfo.optional(), nodes: z.array(ZRefundLine) }).passthrough();

export const ZGraphqlRefund = z
  .object({
    id: z.string(),
    createdAt: z.string().nullish(),
    processedAt: z.string().nullish(),
    note: z.string().nullish(),
    refundLineItems: ZRefundLines,
    refundShippingLines: z
      .object({ nodes: z.array(z.object({ subtotalAmountSet: ZMoneyBag.nullish() }).passthrough()) })
      .passthrough()
      .nullish(),
  })
  .passthrough();

const ZTaxLine = z.object({ priceSet: ZMoneyBag }).passthrough();
const ZLineItems = z
  .object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }).passthrough().optional(),
    nodes: z.array(z.object({ id: z.string().optional(), quantity: z.number().int().optional(), taxLines: z.array(ZTaxLine).default([]) }).passthrough()),
  })
  .passthrough();

const ZVisit = z.object({ landingPage: z.string().nullish(), referrerUrl: z.string().nullish() }).passthrough();

export const ZGraphqlOrder = z
  .object({
    id: z.string(),
    legacyResourceId: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number),
    name: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    cancelledAt: z.string().nullish(),
    test: z.boolean().default(false),
    email: z.string().nullish(),
    customer: z.object({ id: z.string() }).passthrough().nullish(),
    currencyCode: z.string().length(3),
    taxesIncluded: z.boolean().default(false),
    displayFinancialStatus: z.string().nullish(),
    discountCodes: z.array(z.string()).default([]),
    discountApplications: ZDiscountApplications.default({ nodes: [] }),
    subtotalPriceSet: ZMoneyBag.nullish(),
    currentSubtotalPriceSet: ZMoneyBag,
    currentTotalDiscountsSet: ZMoneyBag.nullish(),
    currentTotalTaxSet: ZMoneyBag.nullish(),
    currentTotalPriceSet: ZMoneyBag.nullish(),
    totalDiscountsSet: ZMoneyBag.nullish(),
    totalTaxSet: ZMoneyBag.nullish(),
    customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullish() }).passthrough()).default([]),
    customerJourneySummary: z.object({ firstVisit: ZVisit.nullish() }).passthrough().nullish(),
    refunds: z.array(ZGraphqlRefund).default([]),
    /** Only from ORDER_SYNC_DETAILS (merged in by `withDetails`). */
    lineItems: ZLineItems.optional(),
  })
  .passthrough();
export type TGraphqlOrder = z.infer<typeof ZGraphqlOrder>;
export type TGraphqlRefund = z.infer<typeof ZGraphqlRefund>;

/** ORDER_SYNC_DETAILS' answer for one order. */
export const ZGraphqlOrderDetails = z
  .object({
    id: z.string(),
    discountApplications: ZDiscountApplications,
    lineItems: ZLineItems,
    refunds: z.array(z.object({ id: z.string(), refundLineItems: ZRefundLines }).passthrough()),
  })
  .passthrough();
export type TGraphqlOrderDetails = z.infer<typeof ZGraphqlOrderDetails>;

/** `gid://shopify/Order/123` → 123. */
export function legacyId(gid: string): number {
  const m = /\/(\d+)(?:\?.*)?$/.exec(gid);
  if (!m) throw new Error(`Not a Shopify global id: ${gid}`);
  return Number(m[1]);
}

const TYPES: Record<string, string> = {
  DiscountCodeApplication: "discount_code",
  AutomaticDiscountApplication: "automatic",
  ManualDiscountApplication: "manual",
  ScriptDiscountApplication: "script",
};

const shop = (bag: z.infer<typeof ZMoneyBag>) => ({ shop_money: { amount: bag.shopMoney.amount, currency_code: bag.shopMoney.currencyCode } });
const optionalShop = (bag: z.infer<typeof ZMoneyBag> | null | undefined) => (bag ? shop(bag) : undefined);

/**
 * REST's `landing_site` is the landing page's path and query (`/products/x?ref=jane`); GraphQL gives
 * the full URL. Tally reads `ref` and `tally_click` from it.
 */
export function landingSiteFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return url;
  }
}

/**
 * Whether the page's answer for an order is incomplete for Tally's money: prices including tax
 * (line taxes are not on the page), or lists cut at the page document's `first`.
 */
export function needsDetails(order: TGraphqlOrder): boolean {
  if (order.taxesIncluded && !order.lineItems) return true;
  if (order.discountApplications.pageInfo?.hasNextPage) return true;
  return order.refunds.some((r) => r.refundLineItems.pageInfo?.hasNextPage === true);
}

/** The page's order with ORDER_SYNC_DETAILS' complete lists in place of the page's. */
export function withDetails(order: TGraphqlOrder, details: TGraphqlOrderDetails): TGraphqlOrder {
  const refundLines = new Map(details.refunds.map((r) => [r.id, r.refundLineItems]));
  return {
    ...order,
    discountApplications: details.discountApplications,
    lineItems: details.lineItems,
    refunds: order.refunds.map((r) => {
      const lines = refundLines.get(r.id);
      return lines ? { ...r, refundLineItems: lines } : r;
    }),
  };
}

/** Facts Tally already stored for the order that a GraphQL page does not carry. */
export type KeptFacts = { customerName?: string | null; email?: string | null; lineItemsTaxCents?: number | null };

/** GraphQL order node → REST order payload (validated by the same zod schema as webhooks). */
export function orderFromGraphql(input: unknown, keep: KeptFacts = {}): TOrderPayload {
  const node = ZGraphqlOrder.parse(input);
  const orderId = node.legacyResourceId;
  const visit = node.customerJourneySummary?.firstVisit ?? null;
  const applications = [...node.discountApplications.nodes]
    .sort((a, b) => a.index - b.index)
    .map((a) => ({ type: TYPES[a.__typename] ?? a.__typename, code: a.code ?? null, title: a.title ?? null }));
  const email = node.email ?? keep.email ?? null;
  const payload = {
    id: orderId,
    admin_graphql_api_id: node.id,
    name: node.name,
    email,
    contact_email: email,
    currency: node.currencyCode,
    created_at: node.createdAt,
    updated_at: node.updatedAt,
    cancelled_at: node.cancelledAt ?? null,
    financial_status: node.displayFinancialStatus ? node.displayFinancialStatus.toLowerCase() : null,
    test: node.test,
    taxes_included: node.taxesIncluded,
    landing_site: landingSiteFromUrl(visit?.landingPage),
    referring_site: visit?.referrerUrl ?? null,
    note_attributes: node.customAttributes.map((a) => ({ name: a.key, value: a.value ?? "" })),
    discount_codes: node.discountCodes.map((code) => ({ code })),
    discount_applications: applications,
    current_subtotal_price_set: shop(node.currentSubtotalPriceSet),
    current_total_discounts_set: optionalShop(node.currentTotalDiscountsSet),
    total_discounts_set: optionalShop(node.totalDiscountsSet),
    current_total_tax_set: optionalShop(node.currentTotalTaxSet),
    total_tax_set: optionalShop(node.totalTaxSet),
    current_total_price_set: optionalShop(node.currentTotalPriceSet),
    customer: node.customer ? { id: legacyId(node.customer.id), first_name: keep.customerName ?? null, last_name: null, email } : null,
    line_items: node.lineItems
      ? node.lineItems.nodes.map((line, i) => ({
          id: line.id ? legacyId(line.id) : i + 1,
          quantity: line.quantity ?? 0,
          tax_lines: line.taxLines.map((t) => ({ price_set: shop(t.priceSet), price: t.priceSet.shopMoney.amount })),
        }))
      : keptLineTax(keep.lineItemsTaxCents, node.currencyCode),
    refunds: node.refunds.map((r) => refundFromGraphql(r, orderId, node.updatedAt)),
  };
  return ZOrderPayload.parse(payload);
}

/**
 * Without line items (a page of an order whose prices exclude tax: its line tax moves no money),
 * the line tax Tally stored from the webhook is kept, as one tax line: recording the order
 * replaces its facts, and a fact must not get worse because the order was read again.
 */
function keptLineTax(cents: number | null | undefined, currency: string) {
  if (!cents) return [];
  return [{ id: 0, quantity: 0, tax_lines: [{ price: toDecimalString(cents, currency) }] }];
}

function refundFromGraphql(r: TGraphqlRefund, orderId: number, fallbackAt: string) {
  return {
    id: legacyId(r.id),
    admin_graphql_api_id: r.id,
    order_id: orderId,
    created_at: r.createdAt ?? r.processedAt ?? fallbackAt,
    note: r.note ?? null,
    refund_line_items: r.refundLineItems.nodes.map((l) => ({
      quantity: l.quantity ?? undefined,
      line_item_id: l.lineItem ? legacyId(l.lineItem.id) : null,
      subtotal_set: shop(l.subtotalSet),
      total_tax_set: optionalShop(l.totalTaxSet),
    })),
    refund_shipping_lines: (r.refundShippingLines?.nodes ?? []).map((s) => ({ subtotal_amount_set: optionalShop(s.subtotalAmountSet) })),
    order_adjustments: [],
  };
}
