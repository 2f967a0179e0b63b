import "@shopify/shopify-api/adapters/web-api";
import { createHmac, timingSafeEqual } from "node:crypto";
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { shopifyApiKey } from "@/lib/env";
import { decodeUtf8Exactly } from "./stored-body";

/**
 * Webhook signature check over the body's bytes exactly as received. For UTF-8 bodies (all that
 * Shopify sends) it is done by @shopify/shopify-api (`webhooks.validate`: base64 HMAC-SHA256,
 * constant-time compare, required headers present): the body is decoded keeping any byte-order mark,
 * so the library's re-encoding signs the very same bytes. A body that is not UTF-8 cannot be handed to
 * the library as a string without changing its bytes, so its HMAC is computed here over the bytes.
 * One validator per signing secret: the app's current and previous secret during a rotation, or a
 * custom app's own secret.
 */
const validators = new Map<string, Shopify>();

function validatorFor(secret: string): Shopify {
  let api = validators.get(secret);
  if (!api) {
    api = shopifyApi({
      apiKey: shopifyApiKey(),
      apiSecretKey: secret,
      apiVersion: ApiVersion.July26,
      hostName: "localhost",
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error, log: () => {} },
    });
    validators.set(secret, api);
  }
  return api;
}

export type WebhookVerification =
  | { valid: true; webhookId: string; topic: string; domain: string; apiVersion: string; eventId: string | null; triggeredAt: string | null }
  | { valid: false; reason: string };

const REQUIRED = ["x-shopify-hmac-sha256", "x-shopify-topic", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id"];

/** A body that is not UTF-8: the same checks as the library, over the bytes. */
function validateBytes(bytes: Uint8Array, request: Request, secret: string): { valid: true } | { valid: false; reason: string } {
  if (REQUIRED.some((h) => !request.headers.get(h))) return { valid: false, reason: "missing_headers" };
  const expected = createHmac("sha256", secret).update(bytes).digest();
  const given = Buffer.from(request.headers.get("x-shopify-hmac-sha256")!, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? { valid: true } : { valid: false, reason: "invalid_hmac" };
}

export async function verifyShopifyWebhook(rawBody: Uint8Array | string, request: Request, secrets: string[]): Promise<WebhookVerification> {
  const bytes = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  if (bytes.length === 0) return { valid: false, reason: "missing_body" };
  const text = typeof rawBody === "string" ? rawBody : decodeUtf8Exactly(bytes);
  const h = request.headers;
  let reason = "invalid_hmac";
  for (const secret of secrets) {
    const result = text !== null ? await validatorFor(secret).webhooks.validate({ rawBody: text, rawRequest: request }) : validateBytes(bytes, request, secret);
    if (result.valid) {
      return {
        valid: true,
        webhookId: h.get("x-shopify-webhook-id")!,
        topic: (h.get("x-shopify-topic") ?? "").toLowerCase(),
        domain: (h.get("x-shopify-shop-domain") ?? "").toLowerCase(),
        apiVersion: h.get("x-shopify-api-version")!,
        eventId: h.get("x-shopify-event-id"),
        triggeredAt: h.get("x-shopify-triggered-at"),
      };
    }
    reason = result.reason;
    if (reason !== "invalid_hmac") break; // missing headers or body: no other secret will help
  }
  return { valid: false, reason };
}
