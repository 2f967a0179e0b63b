import { AppError } from "@/lib/errors";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";

/** Where a failing run stands: which attempt failed, and whether it was the last (the run is now `failed`). */
export type FailureAttempt = { attempt: number; maxAttempts: number; final: boolean };

const RESUME = "the run continues where it stopped and counts nothing twice";

const detail = (error: Error) => error.message.slice(0, 300);
const attempts = (n: number) => (n === 1 ? "the first attempt" : `${n} attempts`);

/**
 * A sync run's failure as the sentence its row shows: what happened and what the brand can do
 * (nothing while Tally retries by itself; reconnect, wait or press Resume once it stopped).
 */
export function describeSyncFailure(error: unknown, at: FailureAttempt): string {
  const retrying = `Tally tries again by itself (attempt ${at.attempt} of ${at.maxAttempts}). Nothing to do.`;
  if (error instanceof AppError) return error.message;
  if (error instanceof ShopifyApiError) {
    switch (error.kind) {
      case "unauthorized":
        return `Shopify refused Tally's access to ${error.shop} (the app was uninstalled or its token revoked). Reconnect the store in Settings, then press Resume.`;
      case "graphql":
        if (error.code === "ACCESS_DENIED") return `Shopify did not let Tally read the orders of ${error.shop}: the app lacks a permission. Reconnect the store in Settings to grant it, then press Resume.`;
        return at.final ? `Shopify refused Tally's request (${detail(error)}). Press Resume; if it stops again, send this message to support.` : `Shopify refused a request (${detail(error)}); ${retrying}`;
      case "throttled":
        return at.final ? `Shopify kept asking Tally to slow down (${error.shop} is busy). Press Resume in a few minutes: ${RESUME}.` : `Shopify asked Tally to slow down; ${retrying}`;
      case "http":
      case "network":
      case "invalid_response": {
        const what = error.kind === "network" ? "could not be reached" : error.kind === "invalid_response" ? "sent an answer Tally could not read" : "did not answer";
        const status = error.kind === "http" && error.status ? ` (HTTP ${error.status})` : "";
        return at.final ? `Shopify ${what} after ${attempts(at.attempt)}${status}. Press Resume later: ${RESUME}.` : `Shopify ${what}${status}; ${retrying}`;
      }
    }
  }
  const message = error instanceof Error ? detail(error) : String(error).slice(0, 300);
  return at.final ? `Stopped after ${attempts(at.attempt)} on an unexpected error (${message}). Press Resume: ${RESUME}.` : `An unexpected error (${message}); ${retrying}`;
}
