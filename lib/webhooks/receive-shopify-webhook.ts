import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shops, webhookDeliveries } from "@/db/schema";
import { shopifyApiSecrets } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { decryptSecret } from "@/lib/shopify/crypto";
import { processShopifyDeliveryJob } from "./process-shopify-delivery-job";
import { bodyForStorage } from "./stored-body";
import { isHandledTopic } from "./topics";
import { verifyShopifyWebhook } from "./verify-shopify-webhook";

export type ReceiveResult =
  | { status: 401; reason: string }
  | { status: 200; deliveryId: string | null; duplicate: boolean; ignored: boolean };

const KEPT_HEADERS = [
  "x-shopify-topic",
  "x-shopify-hmac-sha256",
  "x-shopify-shop-domain",
  "x-shopify-api-version",
  "x-shopify-webhook-id",
  "x-shopify-triggered-at",
  "x-shopify-event-id",
  "x-shopify-name",
  "content-type",
  "user-agent",
];

/**
 * Shopify webhook intake. Verifies the signature over the body's bytes exactly as received (401,
 * nothing stored), then records the delivery and its bytes (lib/webhooks/stored-body.ts)
 * durably, unique on (shop, X-Shopify-Webhook-Id): a duplicate changes nothing. Only a newly recorded
 * delivery is handed to background processing; if that hand-off fails, the delivery is still recorded
 * and the sweeper picks it up, so the answer is 200 either way. A database failure propagates (→ 5xx,
 * Shopify retries).
 */
export async function receiveShopifyWebhook(db: Db, input: { rawBody: Uint8Array | string; request: Request }): Promise<ReceiveResult> {
  const domain = (input.request.headers.get("x-shopify-shop-domain") ?? "").trim().toLowerCase();
  const [shop] = domain
    ? await db
        .select({ id: shops.id, workspaceId: shops.workspaceId, webhookSecretEnc: shops.webhookSecretEnc })
        .from(shops)
        .where(eq(shops.domain, domain))
        .limit(1)
    : [];
  const secrets = shop?.webhookSecretEnc ? [decryptSecret(shop.webhookSecretEnc), ...shopifyApiSecrets()] : shopifyApiSecrets();
  const verified = await verifyShopifyWebhook(input.rawBody, input.request, secrets);
  if (!verified.valid) return { status: 401, reason: verified.reason };

  const ignored = !shop || !isHandledTopic(verified.topic);
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = input.request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const triggeredAt = verified.triggeredAt ? new Date(verified.triggeredAt) : null;
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      workspaceId: shop?.workspaceId ?? null,
      shopDomain: verified.domain,
      webhookId: verified.webhookId,
      topic: verified.topic,
      eventId: verified.eventId,
      apiVersion: verified.apiVersion,
      triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
      headers,
      ...bodyForStorage(typeof input.rawBody === "string" ? Buffer.from(input.rawBody, "utf8") : input.rawBody),
      status: ignored ? "ignored" : "received",
      lastError: !shop ? "Unknown shop domain: no workspace is connected to it." : ignored ? `Topic ${verified.topic} is not handled.` : null,
    })
    .onConflictDoNothing({ target: [webhookDeliveries.shopDomain, webhookDeliveries.webhookId] })
    .returning({ id: webhookDeliveries.id, workspaceId: webhookDeliveries.workspaceId });

  if (!row) return { status: 200, deliveryId: null, duplicate: true, ignored };
  if (!ignored && row.workspaceId) {
    try {
      await enqueue(processShopifyDeliveryJob, { deliveryId: row.id, workspaceId: row.workspaceId }, { id: row.id });
    } catch (error) {
      console.error(`[tally] delivery ${row.id} recorded but not handed off (the sweeper will retry):`, error);
    }
  }
  return { status: 200, deliveryId: row.id, duplicate: false, ignored };
}
