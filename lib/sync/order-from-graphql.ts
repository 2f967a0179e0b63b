import { z } from "zod";
import { toDecimalString } from "@/lib/money";
import { ZOrderPayload, type TOrderPayload } from "@/lib/shopify/payloads";

/**
 * Admin GraphQL order nodes (ORDERS_SYNC_PAGE, and the richer shape of the captured fixture pages) → the REST
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
    lineItem: z.object({ id: z.string(), isGiftCard: z.boolean().nullish() }).passthrough().nullish(),
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
const ZLineNode = z
  .object({
    id: z.string().optional(),
    name: z.string().nullish(),
    title: z.string().nullish(),
    variantTitle: z.string().nullish(),
    sku: z.string().nullish(),
    vendor: z.string().nullish(),
    quantity: z.number().int().optional(),
    currentQuantity: z.number().int().nullish(),
    isGiftCard: z.boolean().nullish(),
    taxable: z.boolean().nullish(),
    product: z.object({ id: z.string() }).passthrough().nullish(),
    variant: z.object({ id: z.string() }).passthrough().nullish(),
    originalUnitPriceSet: ZMoneyBag.nullish(),
    discountAllocations: z
      .array(z.object({ allocatedAmountSet: ZMoneyBag, discountApplication: z.object({ index: z.number().int() }).passthrough().nullish() }).passthrough())
      .default([]),
    /** Only from ORDER_SYNC_DETAILS. */
    taxLines: z.array(ZTaxLine).optional(),
  })
  .passthrough();
const ZLineItems = z
  .object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }).passthrough().optional(),
    nodes: z.array(ZLineNode),
  })
  .passthrough();

const ZVisit = z.object({ landingPage: z.string().nullish(), referrerUrl: z.string().nullish() }).passthrough();

export const ZGraphqlOrder = z
  .object({
    id: z.string(),
    legacyResourceId: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number),
    name: z.string(),
    createdAt: z.string(),
    processedAt: z.string().nullish(),
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
    /** The first lines (ORDERS_SYNC_PAGE), or all of them with their taxes (ORDER_SYNC_DETAILS, merged in by `withDetails`). */
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
 * Whether the page's answer for an order is incomplete for Tally's money: more lines than the page
 * reads, prices including tax (line taxes are not on the page), or lists cut at the page document's
 * `first`.
 */
export function needsDetails(order: TGraphqlOrder): boolean {
  if (!order.lineItems || order.lineItems.pageInfo?.hasNextPage) return true;
  if (order.taxesIncluded && order.lineItems.nodes.some((l) => l.taxLines === undefined)) return true;
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

/** Facts Tally already stored for the order that a GraphQL page does not carry: names, and each line's tax (by line id). */
export type KeptFacts = { customerName?: string | null; email?: string | null; lineTaxCents?: ReadonlyMap<number, number> };

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
    processed_at: node.processedAt ?? node.createdAt,
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
    line_items: (node.lineItems?.nodes ?? []).map((line, i) => {
      const id = line.id ? legacyId(line.id) : i + 1;
      const kept = keep.lineTaxCents?.get(id);
      const money = (bag: z.infer<typeof ZMoneyBag>) => bag.shopMoney.amount;
      return {
        id,
        quantity: line.quantity ?? 0,
        current_quantity: line.currentQuantity ?? null,
        title: line.title ?? line.name ?? null,
        name: line.name ?? null,
        variant_title: line.variantTitle ?? null,
        sku: line.sku ?? null,
        vendor: line.vendor ?? null,
        product_id: line.product ? legacyId(line.product.id) : null,
        variant_id: line.variant ? legacyId(line.variant.id) : null,
        price: line.originalUnitPriceSet ? money(line.originalUnitPriceSet) : undefined,
        price_set: line.originalUnitPriceSet ? shop(line.originalUnitPriceSet) : undefined,
        gift_card: line.isGiftCard ?? false,
        taxable: line.taxable ?? true,
        discount_allocations: line.discountAllocations.map((a) => ({ amount_set: shop(a.allocatedAmountSet), amount: money(a.allocatedAmountSet), discount_application_index: a.discountApplication?.index ?? null })),
        tax_lines: line.taxLines
          ? line.taxLines.map((t) => ({ price_set: shop(t.priceSet), price: t.priceSet.shopMoney.amount }))
          : kept
            ? [{ price: toDecimalString(kept, node.currencyCode) }]
            : [],
      };
    }),
    refunds: node.refunds.map((r) => refundFromGraphql(r, orderId, node.updatedAt)),
  };
  return ZOrderPayload.parse(payload);
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
      line_item: l.lineItem && typeof l.lineItem.isGiftCard === "boolean" ? { gift_card: l.lineItem.isGiftCard } : null,
      subtotal_set: shop(l.subtotalSet),
      total_tax_set: optionalShop(l.totalTaxSet),
    })),
    refund_shipping_lines: (r.refundShippingLines?.nodes ?? []).map((s) => ({ subtotal_amount_set: optionalShop(s.subtotalAmountSet) })),
    order_adjustments: [],
  };
}
