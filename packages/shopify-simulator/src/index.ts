/**
 * Shopify simulator for Tally: an in-memory, multi-shop Shopify with the real Admin GraphQL
 * 2026-07 schema, cost-based throttling, signed webhooks with delivery faults, OAuth and a control
 * API. See README.md.
 */
export { createShopifySimulator, ShopifySimulator, type ListeningSimulator } from "./server";
export {
  Simulator,
  COMPLIANCE_TOPICS,
  ALL_APP_TOPICS,
  DEFAULT_WEBHOOK_PATH,
  type ActionResult,
  type AppSubscription,
  type DeliveryPlan,
  type SimulatorOptions,
} from "./simulator";
export { FakeClock, OffsetClock, systemClock, type Clock } from "./clock";
export {
  Store,
  SimulatorError,
  DEFAULT_SCOPES,
  type CancelInput,
  type CreateShopInput,
  type PlaceOrderInput,
  type RefundInput,
} from "./store";
export { LeakyBucket, PLAN_LIMITS, SINGLE_QUERY_MAX_COST, type ThrottleStatus } from "./throttle";
export {
  WebhookDispatcher,
  signWebhook,
  WEBHOOK_API_VERSION,
  type DeliveryOptions,
  type DeliveryRecord,
  type DeliveryStatus,
} from "./webhooks";
export {
  orderPayload,
  refundPayload,
  shopPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  shopRedactPayload,
  type JsonObject,
} from "./payloads";
export { oauthQueryHmac } from "./oauth";
export { computeCost, pageMultiplier, type CostModel } from "./graphql/cost";
export { executeAdminGraphql } from "./graphql/execute";
export { loadAdminSchema, ADMIN_API_VERSION } from "./graphql/schema";
export { formatGraphql, formatRest, parseMoney } from "./money";
export { orderAmounts } from "./order-math";
export { createShopSchema, placeOrderSchema, refundSchema, cancelSchema, createDiscountSchema } from "./control";
export type * from "./types";
