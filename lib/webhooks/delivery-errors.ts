/**
 * A delivery that can never be processed as it is (not UTF-8, NUL bytes, not JSON, not Shopify's
 * shape, values Shopify never sends): retrying cannot help, so it fails once, clearly, and waits for
 * a person. Any other error (the database away, a deadlock) is transient and retried with backoff.
 */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

export const isPermanentDeliveryError = (error: unknown): error is PermanentDeliveryError => error instanceof PermanentDeliveryError;
