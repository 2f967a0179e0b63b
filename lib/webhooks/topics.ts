/**
 * The Shopify topics Tally handles (CONTRACT.md). Anything else with a valid signature is recorded as
 * ignored. `orders/paid` is not subscribed (orders/updated carries the same payment change, ordered
 * by `updated_at`), but an app configuration that sends it is handled like orders/updated.
 */
export const SHOPIFY_TOPICS = [
  "orders/create",
  "orders/updated",
  "orders/paid",
  "orders/cancelled",
  "refunds/create",
  "app/uninstalled",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;

export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

export const isHandledTopic = (topic: string): topic is ShopifyTopic => (SHOPIFY_TOPICS as readonly string[]).includes(topic);

/**
 * Topics processed in the urgent lane (priority 0), ahead of any backlog of new and updated orders
 * (priority 1): money taken back, and requests a store or Shopify expects answered promptly.
 */
const URGENT_TOPICS = new Set<string>(["refunds/create", "orders/cancelled", "app/uninstalled", "customers/redact", "shop/redact", "customers/data_request"]);

export const topicPriority = (topic: string): 0 | 1 => (URGENT_TOPICS.has(topic) ? 0 : 1);
