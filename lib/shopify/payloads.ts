import { z } from "zod";

/**
 * Zod schemas for the webhook bodies Tally reads (REST-shaped, API 2026-07). Tolerant of unknown
 * fields (Shopify adds fields without notice: `.passthrough()`), strict on the ones used.
 *
 * Bounds for values Shopify never exceeds, so that an impossible body fails here, once, with a
 * readable reason — never later as an SQL error (Postgres bigint, integer) or as a credited figure.
 */
export const PAYLOAD_BOUNDS = {
  /** Shopify ids are positive integers far below 2^53; above that they could not be stored exactly (bigint, JS numbers). */
  maxId: Number.MAX_SAFE_INTEGER,
  /** A line's quantity (stored as a Postgres integer). */
  maxQuantity: 1_000_000,
  /** Whole units of any amount: ten billion is beyond any order. */
  maxAmountDigits: 10,
};

const ZIdNumber = z.number().int("must be a whole number").nonnegative("must not be negative").max(PAYLOAD_BOUNDS.maxId, "is beyond the range of ids");
const ZId = z.union([ZIdNumber, z.string().regex(/^\d{1,20}$/, "must be a number").transform(Number).pipe(ZIdNumber)]);
const amountPattern = (signed: boolean) => new RegExp(`^${signed ? "-?" : ""}\\d{1,${PAYLOAD_BOUNDS.maxAmountDigits}}(\\.\\d{1,6})?$`);
/** A money amount as Shopify sends it ("85.00", or a number): non-negative and bounded. */
const ZAmount = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(amountPattern(false), `must be an amount between 0 and 10^${PAYLOAD_BOUNDS.maxAmountDigits}`));
/** An adjustment may be negative (order_adjustments); still bounded. */
const ZSignedAmount = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(amountPattern(true), `must be an amount of at most 10^${PAYLOAD_BOUNDS.maxAmountDigits}`));
const ZQuantity = z.number().int("must be a whole number").min(0, "must not be negative").max(PAYLOAD_BOUNDS.maxQuantity, `must be at most ${PAYLOAD_BOUNDS.maxQuantity}`);
export const ZMoneySet = z
  .object({ shop_money: z.object({ amount: ZAmount, currency_code: z.string().length(3) }).passthrough() })
  .passthrough();
const ZSignedMoneySet = z
  .object({ shop_money: z.object({ amount: ZSignedAmount, currency_code: z.string().length(3) }).passthrough() })
  .passthrough();

const ZTaxLine = z.object({ price_set: ZMoneySet.optional(), price: ZAmount.optional() }).passthrough();

const ZDiscountAllocation = z.object({ amount_set: ZMoneySet.optional(), amount: ZAmount.optional(), discount_application_index: z.number().int().nullish() }).passthrough();

/** A line of the order (REST `line_items[]`): what it is, how many, its price, its discounts and tax, and whether it is a gift card. */
export const ZLineItem = z
  .object({
    id: ZId,
    quantity: ZQuantity,
    current_quantity: ZQuantity.nullish(),
    title: z.string().nullish(),
    name: z.string().nullish(),
    variant_title: z.string().nullish(),
    vendor: z.string().nullish(),
    sku: z.string().nullish(),
    product_id: ZId.nullish(),
    variant_id: ZId.nullish(),
    price: ZAmount.optional(),
    price_set: ZMoneySet.optional(),
    gift_card: z.boolean().nullish(),
    taxable: z.boolean().nullish(),
    discount_allocations: z.array(ZDiscountAllocation).default([]),
    tax_lines: z.array(ZTaxLine).default([]),
  })
  .passthrough();
export type TLineItem = z.infer<typeof ZLineItem>;

export const ZRefundPayload = z
  .object({
    id: ZId,
    order_id: ZId,
    created_at: z.string(),
    note: z.string().nullish(),
    refund_line_items: z
      .array(
        z
          .object({
            line_item_id: ZId.nullish(),
            subtotal_set: ZMoneySet,
            total_tax_set: ZMoneySet.optional(),
            quantity: ZQuantity.optional(),
            line_item: z.object({ gift_card: z.boolean().nullish() }).passthrough().nullish(),
          })
          .passthrough(),
      )
      .default([]),
    refund_shipping_lines: z.array(z.object({ subtotal_amount_set: ZMoneySet.optional() }).passthrough()).default([]),
    order_adjustments: z
      .array(z.object({ kind: z.string(), amount_set: ZSignedMoneySet.optional(), refund_id: ZId.nullish() }).passthrough())
      .default([]),
  })
  .passthrough();
export type TRefundPayload = z.infer<typeof ZRefundPayload>;

export const ZOrderPayload = z
  .object({
    id: ZId,
    name: z.string(),
    email: z.string().nullish(),
    contact_email: z.string().nullish(),
    currency: z.string().length(3),
    created_at: z.string(),
    updated_at: z.string(),
    cancelled_at: z.string().nullish(),
    financial_status: z.string().nullish(),
    processed_at: z.string().nullish(),
    test: z.boolean().default(false),
    taxes_included: z.boolean().default(false),
    landing_site: z.string().nullish(),
    referring_site: z.string().nullish(),
    note_attributes: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.null()]).transform((v) => (v === null ? "" : String(v))) }).passthrough()).default([]),
    discount_codes: z.array(z.object({ code: z.string() }).passthrough()).default([]),
    discount_applications: z
      .array(z.object({ type: z.string(), code: z.string().nullish(), title: z.string().nullish() }).passthrough())
      .default([]),
    // The plain amounts Tally does not read (it reads the *_set ones) still have to be amounts: an order
    // whose subtotal_price says 10^20 or total_price says 1e308 is not one Shopify sent.
    subtotal_price: ZAmount.optional(),
    current_subtotal_price: ZAmount.optional(),
    total_price: ZAmount.optional(),
    current_total_price: ZAmount.optional(),
    total_tax: ZAmount.optional(),
    total_discounts: ZAmount.optional(),
    current_subtotal_price_set: ZMoneySet,
    current_total_discounts_set: ZMoneySet.optional(),
    total_discounts_set: ZMoneySet.optional(),
    current_total_tax_set: ZMoneySet.optional(),
    total_tax_set: ZMoneySet.optional(),
    current_total_price_set: ZMoneySet.optional(),
    total_price_set: ZMoneySet.optional(),
    customer: z
      .object({ id: ZId, first_name: z.string().nullish(), last_name: z.string().nullish(), email: z.string().nullish() })
      .passthrough()
      .nullish(),
    line_items: z.array(ZLineItem).default([]),
    refunds: z.array(ZRefundPayload).default([]),
  })
  .passthrough();
export type TOrderPayload = z.infer<typeof ZOrderPayload>;

const ZCustomerRef = z.object({ id: ZId.nullish(), email: z.string().nullish(), phone: z.string().nullish() }).passthrough();

export const ZCustomersRedactPayload = z
  .object({ shop_domain: z.string(), customer: ZCustomerRef, orders_to_redact: z.array(ZId).default([]) })
  .passthrough();
export const ZCustomersDataRequestPayload = z
  .object({
    shop_domain: z.string(),
    customer: ZCustomerRef,
    orders_requested: z.array(ZId).default([]),
    data_request: z.object({ id: ZId }).passthrough().optional(),
  })
  .passthrough();
export const ZShopRedactPayload = z.object({ shop_domain: z.string() }).passthrough();
export const ZAppUninstalledPayload = z.object({ myshopify_domain: z.string().optional(), domain: z.string().optional() }).passthrough();

/** The codes typed at checkout: only discount_applications of type discount_code carry them. */
export function checkoutCodes(order: TOrderPayload): string[] {
  return order.discount_applications.filter((a) => a.type === "discount_code" && a.code).map((a) => a.code!.trim());
}
