import { and, eq, inArray, like, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { orders, privacyRequests, webhookDeliveries } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { ZCustomersDataRequestPayload, ZCustomersRedactPayload } from "@/lib/shopify/payloads";
import { scrubRawBody } from "./scrub-personal-data";

type Ctx = { workspaceId: string; shopId: string; deliveryId: string };

function customerOrders(workspaceId: string, customer: { id?: number | null; email?: string | null }, orderIds: number[]) {
  const conditions: SQL[] = [];
  if (customer.id) conditions.push(eq(orders.shopifyCustomerId, customer.id));
  if (customer.email) conditions.push(eq(orders.email, customer.email.trim().toLowerCase()));
  if (orderIds.length) conditions.push(inArray(orders.shopifyOrderId, orderIds));
  if (conditions.length === 0) return undefined;
  return and(eq(orders.workspaceId, workspaceId), or(...conditions));
}

/** Scrubs personal data from stored delivery bodies that mention these orders (amounts and ids stay). */
async function scrubDeliveries(db: Db, workspaceId: string, shopifyOrderIds: number[]) {
  for (const orderId of shopifyOrderIds) {
    const rows = await db
      .select({ id: webhookDeliveries.id, rawBody: webhookDeliveries.rawBody })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, workspaceId), like(webhookDeliveries.rawBody, `%${orderId}%`)));
    for (const row of rows) {
      await db.update(webhookDeliveries).set({ rawBody: scrubRawBody(row.rawBody) }).where(eq(webhookDeliveries.id, row.id));
    }
  }
}

/** customers/redact: erase the customer's personal data from orders and stored deliveries; keep amounts. */
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
    const ids = [...new Set([...redacted.map((r) => r.shopifyOrderId), ...input.payload.orders_to_redact])];
    await scrubDeliveries(tx, input.workspaceId, ids);
    // The request's own body names the customer: scrub it too once acted upon.
    const [self] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, input.deliveryId));
    if (self) await tx.update(webhookDeliveries).set({ rawBody: scrubRawBody(self.rawBody) }).where(eq(webhookDeliveries.id, self.id));
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
      await tx.update(webhookDeliveries).set({ rawBody: scrubRawBody(d.rawBody) }).where(eq(webhookDeliveries.id, d.id));
    }
    await tx
      .insert(privacyRequests)
      .values({ workspaceId: input.workspaceId, deliveryId: input.deliveryId, topic: "shop/redact", ordersAffected: redacted.length, completedAt: new Date() })
      .onConflictDoNothing({ target: privacyRequests.deliveryId });
    await recordAudit(tx, { workspaceId: input.workspaceId, actor: { kind: "shopify" }, action: "privacy.shop_redacted", data: { orders: redacted.length } });
  });
}
