import { and, eq, inArray, isNull, like, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { orders, privacyRequests, webhookDeliveries } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { ZCustomersDataRequestPayload, ZCustomersRedactPayload } from "@/lib/shopify/payloads";
import { scrubPersonalData, scrubRawBody } from "./scrub-personal-data";

type Ctx = { workspaceId: string; shopId: string; deliveryId: string };

/**
 * The orders of the customer a privacy request names — and no one else's: by Shopify customer id;
 * by email only for orders that carry no customer id (guest checkouts); and the `orders_to_redact`
 * / `orders_requested` ids only where the order does not belong to another customer (another id,
 * or another email).
 */
function customerOrders(workspaceId: string, customer: { id?: number | null; email?: string | null }, orderIds: number[]) {
  const email = customer.email?.trim().toLowerCase() || null;
  const conditions: SQL[] = [];
  if (customer.id) conditions.push(eq(orders.shopifyCustomerId, customer.id));
  if (email) conditions.push(and(isNull(orders.shopifyCustomerId), eq(orders.email, email))!);
  if (orderIds.length) {
    conditions.push(
      and(
        inArray(orders.shopifyOrderId, orderIds),
        customer.id ? or(isNull(orders.shopifyCustomerId), eq(orders.shopifyCustomerId, customer.id))! : isNull(orders.shopifyCustomerId),
        email ? or(isNull(orders.email), eq(orders.email, email))! : isNull(orders.email),
      )!,
    );
  }
  if (conditions.length === 0) return undefined;
  return and(eq(orders.workspaceId, workspaceId), or(...conditions));
}

/** The Shopify order a stored delivery body is about: `id` of an order topic, `order_id` of a refund. */
function orderIdOfDelivery(topic: string, body: unknown): number | null {
  if (!body || typeof body !== "object") return null;
  const b = body as { id?: unknown; order_id?: unknown };
  const id = topic === "refunds/create" ? b.order_id : topic.startsWith("orders/") ? b.id : null;
  return typeof id === "number" ? id : null;
}

/**
 * Scrubs personal data from the stored deliveries about exactly these orders (amounts and ids
 * stay). A text search only narrows the candidates; each body is parsed and kept unless its own
 * order id is one of them, so a body that merely contains the digits — or cannot be parsed — is
 * never touched.
 */
async function scrubDeliveries(db: Db, workspaceId: string, shopifyOrderIds: number[]) {
  const wanted = new Set(shopifyOrderIds);
  if (wanted.size === 0) return 0;
  const candidates = await db
    .select({ id: webhookDeliveries.id, topic: webhookDeliveries.topic, rawBody: webhookDeliveries.rawBody })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), or(...[...wanted].map((id) => like(webhookDeliveries.rawBody, `%${id}%`)))));
  let scrubbed = 0;
  for (const row of candidates) {
    if (row.rawBody === null) continue; // stored as bytes: never parsed, never one of these orders
    let body: unknown;
    try {
      body = JSON.parse(row.rawBody);
    } catch {
      continue;
    }
    const orderId = orderIdOfDelivery(row.topic, body);
    if (orderId === null || !wanted.has(orderId)) continue;
    await db.update(webhookDeliveries).set({ rawBody: JSON.stringify(scrubPersonalData(body)) }).where(eq(webhookDeliveries.id, row.id));
    scrubbed++;
  }
  return scrubbed;
}

/**
 * customers/redact: erase the customer's personal data from their orders and the stored deliveries
 * about those orders, in one transaction; amounts, attribution and the ledger are untouched.
 */
export async function redactCustomer(db: Db, input: Ctx & { payload: z.infer<typeof ZCustomersRedactPayload> }) {
  const where = customerOrders(input.workspaceId, input.payload.customer, input.payload.orders_to_redact);
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const redacted = where
      ? await tx
          .update(orders)
          .set({ email: null, customerName: null, shopifyCustomerId: null, redactedAt: new Date() })
          .where(where)
          .returning({ shopifyOrderId: orders.shopifyOrderId })
      : [];
    await scrubDeliveries(tx, input.workspaceId, redacted.map((r) => r.shopifyOrderId));
    // The request's own body names the customer: scrub it too once acted upon.
    const [self] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, input.deliveryId));
    const scrubbedSelf = self?.rawBody ? scrubRawBody(self.rawBody) : null;
    if (self && scrubbedSelf !== null) await tx.update(webhookDeliveries).set({ rawBody: scrubbedSelf }).where(eq(webhookDeliveries.id, self.id));
    await tx
      .insert(privacyRequests)
      .values({
        workspaceId: input.workspaceId,
        deliveryId: input.deliveryId,
        topic: "customers/redact",
        shopifyCustomerId: null,
        ordersAffected: redacted.length,
        completedAt: new Date(),
      })
      .onConflictDoNothing({ target: privacyRequests.deliveryId });
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: { kind: "shopify" },
      action: "privacy.customer_redacted",
      data: { orders: redacted.length },
    });
  });
}

/** customers/data_request: gather the customer's stored data for the brand to send on. */
export async function exportCustomerData(db: Db, input: Ctx & { payload: z.infer<typeof ZCustomersDataRequestPayload> }) {
  const where = customerOrders(input.workspaceId, input.payload.customer, input.payload.orders_requested);
  const rows = where ? await db.select().from(orders).where(where) : [];
  const exported = {
    customer: { id: input.payload.customer.id ?? null, email: input.payload.customer.email ?? null },
    data_request_id: input.payload.data_request?.id ?? null,
    orders: rows.map((o) => ({
      shopify_order_id: o.shopifyOrderId,
      name: o.name,
      email: o.email,
      customer_name: o.customerName,
      currency: o.currency,
      subtotal_cents: o.subtotalCents,
      total_cents: o.totalPriceCents,
      discount_codes: o.discountCodes,
      created_at: o.shopifyCreatedAt.toISOString(),
    })),
    note: "Tally stores order facts for commission attribution: order ids, amounts, codes, and the email and name on the order.",
  };
  await db
    .insert(privacyRequests)
    .values({
      workspaceId: input.workspaceId,
      deliveryId: input.deliveryId,
      topic: "customers/data_request",
      shopifyCustomerId: input.payload.customer.id ?? null,
      customerEmail: input.payload.customer.email ?? null,
      ordersAffected: rows.length,
      export: exported,
      completedAt: new Date(),
    })
    .onConflictDoNothing({ target: privacyRequests.deliveryId });
}

/** shop/redact (48 h after uninstall): erase all personal data of the shop's orders and deliveries. */
export async function redactShop(db: Db, input: Ctx) {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const redacted = await tx
      .update(orders)
      .set({ email: null, customerName: null, shopifyCustomerId: null, redactedAt: new Date() })
      .where(and(eq(orders.workspaceId, input.workspaceId), eq(orders.shopId, input.shopId)))
      .returning({ id: orders.id });
    const deliveries = await tx
      .select({ id: webhookDeliveries.id, rawBody: webhookDeliveries.rawBody })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.workspaceId, input.workspaceId));
    for (const d of deliveries) {
      // shop/redact erases everything personal: a body that cannot be parsed cannot be scrubbed, so it goes.
      await tx
        .update(webhookDeliveries)
        .set({ rawBody: (d.rawBody !== null ? scrubRawBody(d.rawBody) : null) ?? "{}", rawBodyBytes: null })
        .where(eq(webhookDeliveries.id, d.id));
    }
    await tx
      .insert(privacyRequests)
      .values({ workspaceId: input.workspaceId, deliveryId: input.deliveryId, topic: "shop/redact", ordersAffected: redacted.length, completedAt: new Date() })
      .onConflictDoNothing({ target: privacyRequests.deliveryId });
    await recordAudit(tx, { workspaceId: input.workspaceId, actor: { kind: "shopify" }, action: "privacy.shop_redacted", data: { orders: redacted.length } });
  });
}
