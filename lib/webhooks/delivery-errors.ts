import { AppError } from "@/lib/errors";

/**
 * A delivery that can never be processed as it is (not UTF-8, NUL bytes, not JSON, not Shopify's
 * shape, values Shopify never sends, a refund larger than its order) fails with an AppError of a
 * validation code — the same error business rules throw for bad input: retrying cannot help, so it
 * fails once, clearly, and is parked until a person looks. Any other error (the database away, a
 * deadlock) is transient and retried with backoff (retry-policy.ts).
 */
export const invalidDelivery = (message: string) => new AppError("validation_failed", message);

export const isPermanentDeliveryError = (error: unknown): boolean =>
  error instanceof AppError && (error.code === "validation_failed" || error.code === "bad_request");
