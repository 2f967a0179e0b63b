/** The Shopify topics Tally handles (CONTRACT.md). Anything else with a valid signature is recorded as ignored. */
export const SHOPIFY_TOPICS = [
  "orders/create",
  "orders/updated",
  "orders/cancelled",
  "refunds/create",
  "app/uninstalled",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;

export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

export const isHandledTopic = (topic: string): topic is ShopifyTopic => (SHOPIFY_TOPICS as readonly string[]).includes(topic);
