import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { shops } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import type { GraphqlOptions } from "@/lib/shopify/admin-graphql";
import { WEBHOOK_SUBSCRIPTION_CREATE, WEBHOOK_SUBSCRIPTIONS_QUERY } from "@/lib/shopify/documents";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import type { ShopRow } from "./get-connected-shop";
import { shopifyGraphql } from "./shop-graphql";

/** The webhook intake route (app/api/webhooks/shopify/route.ts). */
export const SHOPIFY_WEBHOOK_PATH = "/api/webhooks/shopify";

/**
 * Topics Tally subscribes per shop through the Admin API. The privacy topics
 * (customers/data_request, customers/redact, shop/redact) cannot be subscribed this way: Shopify
 * only takes them from the app's configuration (shopify.app.toml `compliance_topics`, or the Partner
 * Dashboard), so they are configured there, pointing at the same route.
 */
export const WEBHOOK_TOPICS = ["ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "REFUNDS_CREATE", "APP_UNINSTALLED"] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

export function webhookCallbackUrl(): string {
  return `${appUrl()}${SHOPIFY_WEBHOOK_PATH}`;
}

const ZSubscription = z.object({ id: z.string(), topic: z.string(), uri: z.string() });

const ZList = z.object({
  webhookSubscriptions: z.object({
    nodes: z.array(ZSubscription),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  }),
});

const ZCreate = z.object({
  webhookSubscriptionCreate: z
    .object({
      webhookSubscription: ZSubscription.nullable(),
      userErrors: z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() })),
    })
    .nullable(),
});

export type RegisterWebhooksResult =
  | { ok: true; created: WebhookTopic[]; existing: WebhookTopic[] }
  | { ok: false; error: string };

/**
 * Makes sure the shop has one subscription per topic to this deployment's intake URL: lists what
 * exists, creates only what is missing (so calling it again on reconnect repairs deleted
 * subscriptions — Shopify drops API-created ones after repeated delivery failures — and creates no
 * duplicates). Subscriptions of the same topics to another URL (an older APP_URL) are left alone.
 * Records the outcome on the shop row (`webhooks_registered_at`, or `webhook_registration_error`)
 * and returns it; Shopify failures do not throw, so a connect still succeeds and Settings shows what
 * to repair.
 */
export async function registerWebhooks(
  db: Db,
  shop: ShopRow,
  options: Pick<GraphqlOptions<unknown>, "baseDelayMs" | "maxAttempts" | "onEvent"> = {},
): Promise<RegisterWebhooksResult> {
  const uri = webhookCallbackUrl();
  let result: RegisterWebhooksResult;
  try {
    const present = new Set<string>();
    let after: string | null = null;
    do {
      const page: z.infer<typeof ZList> = await shopifyGraphql(
        db,
        shop,
        WEBHOOK_SUBSCRIPTIONS_QUERY,
        { topics: [...WEBHOOK_TOPICS], first: 50, after },
        { ...options, schema: ZList },
      );
      for (const s of page.webhookSubscriptions.nodes) if (s.uri === uri) present.add(s.topic);
      after = page.webhookSubscriptions.pageInfo.hasNextPage ? page.webhookSubscriptions.pageInfo.endCursor : null;
    } while (after);

    const created: WebhookTopic[] = [];
    const existing: WebhookTopic[] = [];
    const problems: string[] = [];
    for (const topic of WEBHOOK_TOPICS) {
      if (present.has(topic)) {
        existing.push(topic);
        continue;
      }
      const res = await shopifyGraphql(
        db,
        shop,
        WEBHOOK_SUBSCRIPTION_CREATE,
        { topic, webhookSubscription: { uri, format: "JSON" } },
        { ...options, schema: ZCreate },
      );
      const payload = res.webhookSubscriptionCreate;
      if (payload?.webhookSubscription) created.push(topic);
      // Another registration won the race (or a retried create landed twice): it exists, fine.
      else if (payload?.userErrors.some((e) => /already been taken/i.test(e.message))) existing.push(topic);
      else problems.push(`${topic}: ${payload?.userErrors.map((e) => e.message).join(", ") || "not created"}`);
    }
    result = problems.length === 0 ? { ok: true, created, existing } : { ok: false, error: `Shopify refused: ${problems.join("; ")}` };
  } catch (error) {
    if (!(error instanceof ShopifyApiError) && !(error instanceof AppError)) throw error;
    result = { ok: false, error: error.message };
  }

  await db
    .update(shops)
    .set(
      result.ok
        ? { webhooksRegisteredAt: new Date(), webhookRegistrationError: null }
        : { webhooksRegisteredAt: null, webhookRegistrationError: result.error.slice(0, 500) },
    )
    .where(eq(shops.id, shop.id));
  return result;
}
