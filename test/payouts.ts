/** Test support for payouts: a brand with two creator codes, and Shopify payloads of the fixture's shape at chosen times. */
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import { uniq } from "@/test/factories";
import { webhookFixtures } from "@/test/shopify";
import { brandWithLiveCodes } from "./brand-with-live-codes";

export const DAY = 86_400_000;

/** The AppError a call is refused with (failing the test when it is not refused, or not with an AppError). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
export const orderTemplate = JSON.parse(webhookFixtures().find((f) => f.name === "orders-create-single-code")!.body) as Record<string, unknown>;
export const CODES = ["JANE15", "MARK15"];

/** A workspace with a store and two creators with live codes (written directly: no Shopify Admin needed). */
export async function payoutsSetup() {
  const s = await brandWithLiveCodes(
    "Payouts",
    CODES.map((code) => ({ code, fullName: code, email: `${code.toLowerCase()}-${uniq()}@example.com` })),
  );
  return { ...s, actor: { kind: "user" as const, id: s.brand.user.id } };
}

/** An order of the fixture's shape (85.00 after the code: 12.75 commission) with a creator's code, placed `daysAgo`. */
export function orderPayload(id: number, code: string, at: Date, over: Record<string, unknown> = {}) {
  const iso = at.toISOString();
  return { ...(JSON.parse(JSON.stringify(orderTemplate).replaceAll("JANE15", code)) as Record<string, unknown>), id, name: `#${id % 100000}`, created_at: iso, processed_at: iso, updated_at: iso, ...over };
}

export function refundPayload(refundId: number, orderId: number, cents: number, at: Date) {
  const money = (c: number) => ({ shop_money: { amount: (c / 100).toFixed(2), currency_code: "USD" }, presentment_money: { amount: (c / 100).toFixed(2), currency_code: "USD" } });
  const lineItem = (orderTemplate.line_items as Record<string, unknown>[])[0]!;
  return {
    id: refundId,
    order_id: orderId,
    created_at: at.toISOString(),
    processed_at: at.toISOString(),
    note: null,
    restock: false,
    transactions: [],
    order_adjustments: [],
    refund_shipping_lines: [],
    refund_line_items: [{ id: refundId * 10, line_item_id: lineItem.id, line_item: lineItem, quantity: 1, restock_type: "no_restock", subtotal: cents / 100, subtotal_set: money(cents), total_tax: 0, total_tax_set: money(0) }],
  };
}

