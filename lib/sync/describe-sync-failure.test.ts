import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import { describeSyncFailure } from "./describe-sync-failure";

const shop = "glow.myshopify.com";
const final = { attempt: 5, maxAttempts: 5, final: true };
const retrying = { attempt: 2, maxAttempts: 5, final: false };

describe("a sync run's failure, in a sentence a brand can act on", () => {
  it.each([
    [new ShopifyApiError("unauthorized", shop, "Shopify rejected the access token for glow.myshopify.com (401).", { status: 401 }), final, "Shopify refused Tally's access to glow.myshopify.com (the app was uninstalled or its token revoked). Reconnect the store in Settings, then press Resume."],
    [new ShopifyApiError("graphql", shop, "Access denied for orders field.", { errors: [{ message: "Access denied for orders field.", code: "ACCESS_DENIED", path: null }] }), final, "Shopify did not let Tally read the orders of glow.myshopify.com: the app lacks a permission. Reconnect the store in Settings to grant it, then press Resume."],
    [new ShopifyApiError("throttled", shop, "Shopify kept throttling requests to glow.myshopify.com."), final, "Shopify kept asking Tally to slow down (glow.myshopify.com is busy). Press Resume in a few minutes: the run continues where it stopped and counts nothing twice."],
    [new ShopifyApiError("http", shop, "Shopify answered 503 for glow.myshopify.com.", { status: 503 }), final, "Shopify did not answer after 5 attempts (HTTP 503). Press Resume later: the run continues where it stopped and counts nothing twice."],
    [new ShopifyApiError("network", shop, "Could not reach Shopify (glow.myshopify.com): ECONNRESET"), retrying, "Shopify could not be reached; Tally tries again by itself (attempt 2 of 5). Nothing to do."],
    [new ShopifyApiError("http", shop, "Shopify answered 503 for glow.myshopify.com.", { status: 503 }), retrying, "Shopify did not answer (HTTP 503); Tally tries again by itself (attempt 2 of 5). Nothing to do."],
    [new AppError("conflict", "No Shopify store is connected to this workspace any more. Reconnect it, then start again."), final, "No Shopify store is connected to this workspace any more. Reconnect it, then start again."],
    [new Error("database went away"), final, "Stopped after 5 attempts on an unexpected error (database went away). Press Resume: the run continues where it stopped and counts nothing twice."],
    [new Error("database went away"), retrying, "An unexpected error (database went away); Tally tries again by itself (attempt 2 of 5). Nothing to do."],
  ])("%s", (error, at, sentence) => {
    expect(describeSyncFailure(error, at)).toBe(sentence);
  });
});
