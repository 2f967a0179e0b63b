import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { shopifyApiKey } from "@/lib/env";

/**
 * Webhook signature check, done by @shopify/shopify-api (`webhooks.validate`: base64 HMAC-SHA256 of
 * the raw body, constant-time compare, required headers present). One validator per signing secret:
 * the app's current and previous secret during a rotation, or a custom app's own secret.
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

export async function verifyShopifyWebhook(rawBody: string, request: Request, secrets: string[]): Promise<WebhookVerification> {
  if (!rawBody) return { valid: false, reason: "missing_body" };
  let reason = "invalid_hmac";
  for (const secret of secrets) {
    const result = await validatorFor(secret).webhooks.validate({ rawBody, rawRequest: request });
    if (result.valid) {
      const h = request.headers;
      return {
        valid: true,
        webhookId: result.webhookId,
        topic: (h.get("x-shopify-topic") ?? "").toLowerCase(),
        domain: result.domain.toLowerCase(),
        apiVersion: result.apiVersion,
        eventId: h.get("x-shopify-event-id"),
        triggeredAt: h.get("x-shopify-triggered-at"),
      };
    }
    reason = result.reason;
    if (reason !== "invalid_hmac") break; // missing headers or body: no other secret will help
  }
  return { valid: false, reason };
}
