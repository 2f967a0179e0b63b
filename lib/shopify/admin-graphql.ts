import { createAdminApiClient } from "@shopify/admin-api-client";
import { z } from "zod";
import { recordCost, sleep, waitForBudget, ZCost } from "./cost-bucket";
import { SHOPIFY_API_VERSION, shopifyFetch } from "./shopify-app";
import { ShopifyApiError, type ShopifyGraphqlErrorItem } from "./shopify-api-error";

const ZGraphqlError = z
  .object({
    message: z.string(),
    path: z.array(z.union([z.string(), z.number()])).optional(),
    extensions: z.object({ code: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

/** Shopify's envelope. `errors` is an array for GraphQL errors, a string or object for HTTP-level ones. */
const ZEnvelope = z.object({
  data: z.record(z.unknown()).nullable().optional(),
  errors: z.union([z.array(ZGraphqlError), z.string(), z.record(z.unknown())]).optional(),
  extensions: z.object({ cost: ZCost.optional() }).passthrough().optional(),
});

type Envelope = z.infer<typeof ZEnvelope>;

function errorItems(errors: Envelope["errors"]): ShopifyGraphqlErrorItem[] {
  if (errors === undefined) return [];
  if (typeof errors === "string") return [{ message: errors, code: null, path: null }];
  if (!Array.isArray(errors)) return [{ message: JSON.stringify(errors), code: null, path: null }];
  return errors.map((e) => ({ message: e.message, code: e.extensions?.code ?? null, path: e.path ?? null }));
}

export type AdminClientEvent =
  | { type: "wait"; shop: string; waitMs: number }
  | { type: "throttled"; shop: string; waitMs: number; requestedQueryCost: number; currentlyAvailable: number }
  | { type: "retry"; shop: string; attempt: number; waitMs: number; reason: string }
  | { type: "token_refreshed"; shop: string };

export type GraphqlOptions<T> = {
  /** Validates `data` (Shopify responses are a boundary too). Without it `data` is returned as is. */
  schema?: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Attempts for transient failures (network, 5xx, 429 without cost information). Default 4. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** THROTTLED answers we wait out before giving up. Default 10. */
  maxThrottleRetries?: number;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  onEvent?: (event: AdminClientEvent) => void;
};

const jitter = (ms: number) => ms + Math.floor(Math.random() * Math.min(250, ms / 2 + 1));

/**
 * One Admin GraphQL call with a raw token (custom-app verification, and the inner step of
 * `shopifyGraphql`): cost-aware waiting, THROTTLED and transient retries, typed errors.
 * Transient failures are retried for mutations too: Tally's mutations are safe to repeat (a second
 * webhook or discount create answers with a "taken" userError, updates/deactivations are idempotent).
 */
export async function adminGraphqlWithToken<T = unknown>(
  shop: string,
  accessToken: string,
  document: string,
  variables: Record<string, unknown> = {},
  options: GraphqlOptions<T> = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxThrottleRetries = options.maxThrottleRetries ?? 10;
  const client = createAdminApiClient({
    storeDomain: shop,
    apiVersion: SHOPIFY_API_VERSION,
    accessToken,
    customFetchApi: shopifyFetch,
    // Retries are ours (cost-aware); the client's own would only cover 429/503 blindly.
    retries: 0,
    // Silences the client's console warning for API versions outside its rolling window.
    logger: () => {},
  });

  let attempt = 0;
  let throttled = 0;
  for (;;) {
    attempt++;
    await waitForBudget(shop, document, (waitMs) => options.onEvent?.({ type: "wait", shop, waitMs }));

    const retryTransient = async (reason: string, retryAfterSec: number | null, error: ShopifyApiError) => {
      if (attempt >= maxAttempts) throw error;
      const waitMs = retryAfterSec !== null ? Math.ceil(retryAfterSec * 1000) : jitter(baseDelayMs * 2 ** (attempt - 1));
      options.onEvent?.({ type: "retry", shop, attempt, waitMs, reason });
      await sleep(waitMs);
    };

    let response: Response;
    try {
      response = await client.fetch(document, { variables, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await retryTransient("network", null, new ShopifyApiError("network", shop, `Could not reach Shopify (${shop}): ${message}`, { cause: error }));
      continue;
    }

    if (response.status === 401) {
      await response.body?.cancel();
      throw new ShopifyApiError("unauthorized", shop, `Shopify rejected the access token for ${shop} (401).`, { status: 401 });
    }

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The connection broke mid-body: as transient as a failed connect.
      await retryTransient("network", null, new ShopifyApiError("network", shop, `Shopify's answer for ${shop} was cut off.`, { cause: error }));
      continue;
    }
    let envelope: Envelope | null = null;
    try {
      const parsed = ZEnvelope.safeParse(JSON.parse(text));
      if (parsed.success) envelope = parsed.data;
    } catch {
      envelope = null;
    }
    const cost = envelope?.extensions?.cost;
    if (cost) recordCost(shop, document, cost);
    const errors = errorItems(envelope?.errors);

    // THROTTLED comes as HTTP 200 (and reportedly 429) with the cost we asked for and what is left.
    if (errors.some((e) => e.code === "THROTTLED")) {
      const waitMs = cost
        ? jitter(Math.ceil((Math.max(0, cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable) / cost.throttleStatus.restoreRate) * 1000))
        : jitter(1000);
      if (++throttled > maxThrottleRetries) {
        throw new ShopifyApiError("throttled", shop, `Shopify kept throttling requests to ${shop}.`, { status: response.status, errors });
      }
      options.onEvent?.({
        type: "throttled",
        shop,
        waitMs,
        requestedQueryCost: cost?.requestedQueryCost ?? 0,
        currentlyAvailable: cost?.throttleStatus.currentlyAvailable ?? 0,
      });
      // The bucket answer already set our estimate; this wait is what Shopify told us it needs.
      await sleep(waitMs);
      attempt--; // a throttle is not a failed attempt
      continue;
    }

    if (response.status === 429 || response.status >= 500) {
      // Honour Retry-After, within reason: a caller should not hang for minutes on one request.
      const retryAfter = Math.min(30, Number(response.headers.get("Retry-After")));
      const error = new ShopifyApiError("http", shop, `Shopify answered ${response.status} for ${shop}.`, { status: response.status, errors });
      await retryTransient(`http ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, error);
      continue;
    }
    if (!response.ok) {
      throw new ShopifyApiError("http", shop, `Shopify answered ${response.status} for ${shop}: ${errors[0]?.message ?? response.statusText}`, {
        status: response.status,
        errors,
      });
    }
    if (!envelope) {
      throw new ShopifyApiError("invalid_response", shop, `Shopify sent an unexpected response for ${shop}.`, { status: response.status });
    }
    if (errors.length > 0) {
      // Shopify's own hiccups come as GraphQL errors too; everything else is a bug on our side.
      if (errors.every((e) => e.code === "INTERNAL_SERVER_ERROR")) {
        await retryTransient("INTERNAL_SERVER_ERROR", null, new ShopifyApiError("graphql", shop, errors[0]!.message, { status: response.status, errors }));
        continue;
      }
      throw new ShopifyApiError("graphql", shop, `Shopify GraphQL error for ${shop}: ${errors.map((e) => e.message).join("; ")}`, {
        status: response.status,
        errors,
      });
    }
    const data: unknown = envelope.data ?? null;
    if (!options.schema) return data as T;
    const checked = options.schema.safeParse(data);
    if (!checked.success) {
      const issues = checked.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new ShopifyApiError("invalid_response", shop, `Shopify's response for ${shop} has an unexpected shape: ${issues.join("; ")}`);
    }
    return checked.data;
  }
}
