export type ShopifyErrorKind =
  /** `errors[]` in a GraphQL response (bad document, MAX_COST_EXCEEDED, access denied…). */
  | "graphql"
  /** Still THROTTLED after every wait we allow ourselves. */
  | "throttled"
  /** Non-2xx answer that is not worth retrying (or no longer: 5xx after every retry). */
  | "http"
  /** 401: the token is invalid, revoked or expired. */
  | "unauthorized"
  /** The request never got an answer (DNS, reset, timeout), after every retry. */
  | "network"
  /** An answer that is not the JSON shape Shopify documents (or not what the caller's schema expects). */
  | "invalid_response";

export type ShopifyGraphqlErrorItem = { message: string; code: string | null; path: (string | number)[] | null };

/**
 * A failed Admin API call. Mutation `userErrors` are NOT errors: they come back in `data` for the
 * caller to interpret (e.g. TAKEN for a duplicate discount code).
 */
export class ShopifyApiError extends Error {
  readonly kind: ShopifyErrorKind;
  readonly shop: string;
  readonly status: number | null;
  readonly errors: ShopifyGraphqlErrorItem[];

  constructor(kind: ShopifyErrorKind, shop: string, message: string, extra: { status?: number | null; errors?: ShopifyGraphqlErrorItem[]; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = "ShopifyApiError";
    this.kind = kind;
    this.shop = shop;
    this.status = extra.status ?? null;
    this.errors = extra.errors ?? [];
  }

  /** The first error's `extensions.code` (THROTTLED, MAX_COST_EXCEEDED, ACCESS_DENIED…). */
  get code(): string | null {
    return this.errors[0]?.code ?? null;
  }
}
