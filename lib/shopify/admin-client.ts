import { createAdminApiClient } from "@shopify/admin-api-client";
import { HttpResponseError } from "@shopify/shopify-api";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { shops } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { decryptSecret, encryptSecret } from "./crypto";
import type { ShopRow } from "./get-connected-shop";
import { SHOPIFY_API_VERSION, shopifyApp, shopifyFetch } from "./shopify-app";

// ------------------------------------------------------------------------------------------ errors

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

/** What callers (and the UI) see when Shopify no longer accepts the shop's token. */
export function reconnectRequiredError(domain: string): AppError {
  return new AppError("conflict", `Shopify no longer accepts Tally's access to ${domain}. Reconnect the store in Settings.`, {
    reason: "shopify_reconnect_required",
    shop: domain,
  });
}

// ------------------------------------------------------------------------------------------ response shapes

const ZThrottleStatus = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number().positive(),
});

const ZCost = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullable().optional(),
  throttleStatus: ZThrottleStatus,
});

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
type Cost = z.infer<typeof ZCost>;

function errorItems(errors: Envelope["errors"]): ShopifyGraphqlErrorItem[] {
  if (errors === undefined) return [];
  if (typeof errors === "string") return [{ message: errors, code: null, path: null }];
  if (!Array.isArray(errors)) return [{ message: JSON.stringify(errors), code: null, path: null }];
  return errors.map((e) => ({ message: e.message, code: e.extensions?.code ?? null, path: e.path ?? null }));
}

// ------------------------------------------------------------------------------------------ throttle estimate

/**
 * Per-instance estimate of each shop's leaky bucket, from the last `throttleStatus` Shopify sent.
 * Shopify's bucket is the source of truth (several instances share it): the estimate only avoids
 * sending requests we already know will be THROTTLED, and a THROTTLED answer corrects it.
 */
type BucketEstimate = {
  available: number;
  maximum: number;
  restoreRate: number;
  at: number;
  /** Points booked by callers still waiting to send: Shopify's next figures do not know about them yet. */
  queued: number;
};
const buckets = new Map<string, BucketEstimate>();
/** Per document, the last requested cost: what the next call of the same document will likely ask for. */
const documentCosts = new Map<string, number>();

function refill(b: BucketEstimate, now: number): void {
  b.available = Math.min(b.maximum, b.available + ((now - b.at) / 1000) * b.restoreRate);
  b.at = now;
}

/**
 * Waits until the estimated bucket holds the document's requested cost, then books it, like Shopify
 * takes the requested cost up front and refunds the unused part after execution. Bookings make
 * concurrent callers on this instance queue behind each other instead of all being THROTTLED.
 */
async function waitForBudget(shop: string, document: string, onEvent?: (e: AdminClientEvent) => void): Promise<void> {
  const b = buckets.get(shop);
  const cost = documentCosts.get(document);
  if (!b || cost === undefined || cost <= 0) return;
  refill(b, Date.now());
  const deficit = cost - b.available;
  b.available -= cost;
  if (deficit <= 0) return;
  const waitMs = Math.ceil((deficit / b.restoreRate) * 1000);
  onEvent?.({ type: "wait", shop, waitMs });
  b.queued += cost;
  try {
    await sleep(waitMs);
  } finally {
    b.queued -= cost;
  }
}

/** Takes Shopify's figures (refunds of unused points included), keeping what queued callers booked. */
function recordCost(shop: string, document: string, cost: Cost): void {
  const s = cost.throttleStatus;
  const b = buckets.get(shop);
  const queued = b?.queued ?? 0;
  const next = { available: s.currentlyAvailable - queued, maximum: s.maximumAvailable, restoreRate: s.restoreRate, at: Date.now(), queued };
  if (b) Object.assign(b, next);
  else buckets.set(shop, next);
  documentCosts.set(document, cost.requestedQueryCost);
}

/** Test helper: forget every estimate. */
export function resetThrottleEstimatesForTests(): void {
  buckets.clear();
  documentCosts.clear();
}

// ------------------------------------------------------------------------------------------ one request

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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
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
    await waitForBudget(shop, document, options.onEvent);

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

// ------------------------------------------------------------------------------------------ tokens

/** Refresh expiring offline tokens this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

function needsRefresh(row: ShopRow, now = Date.now()): boolean {
  return row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - now < REFRESH_MARGIN_MS;
}

type TokenOutcome = { kind: "token"; token: string; enc: string; refreshed: boolean } | { kind: "reconnect" };

/**
 * Marks a shop whose token Shopify rejected: disconnected, tokens cleared, data kept; the brand
 * reconnects from Settings. Guarded by the rejected token so that a reconnect that stored a fresh
 * token meanwhile is not undone.
 */
async function markReconnectRequired(db: Db, row: ShopRow, rejectedEnc: string | null, why: string): Promise<boolean> {
  const now = new Date();
  const updated = await db
    .update(shops)
    .set({
      status: "disconnected",
      disconnectedAt: now,
      accessTokenEnc: null,
      accessTokenExpiresAt: null,
      refreshTokenEnc: null,
      refreshTokenExpiresAt: null,
    })
    .where(
      and(
        eq(shops.id, row.id),
        eq(shops.status, "connected"),
        rejectedEnc === null ? sql`${shops.accessTokenEnc} is null` : eq(shops.accessTokenEnc, rejectedEnc),
      ),
    )
    .returning({ id: shops.id });
  if (updated.length > 0) {
    await recordAudit(db, {
      workspaceId: row.workspaceId,
      actor: { kind: "shopify" },
      action: "shop.reconnect_required",
      targetType: "shop",
      targetId: row.id,
      data: { domain: row.domain, reason: why },
    });
  }
  return updated.length > 0;
}

/**
 * Refreshes an expiring offline token under a per-shop Postgres advisory lock, so that exactly one
 * instance exchanges the (rotating, single-use) refresh token; the others wait on the lock, re-read
 * the row and use the token it stored. `rejectedEnc`: force a refresh because Shopify answered 401 to
 * that token (unless another instance already replaced it).
 */
async function refreshAccessToken(db: Db, shopId: string, rejectedEnc: string | null, onEvent?: (e: AdminClientEvent) => void): Promise<TokenOutcome> {
  let domain = "";
  const outcome = await db.transaction(async (tx): Promise<TokenOutcome> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${shopId}))`);
    const [row] = await tx.select().from(shops).where(eq(shops.id, shopId)).limit(1);
    if (!row || row.status !== "connected" || !row.accessTokenEnc) return { kind: "reconnect" };
    domain = row.domain;
    const replacedMeanwhile = rejectedEnc !== null && row.accessTokenEnc !== rejectedEnc;
    if (replacedMeanwhile || (rejectedEnc === null && !needsRefresh(row))) {
      return { kind: "token", token: decryptSecret(row.accessTokenEnc), enc: row.accessTokenEnc, refreshed: false };
    }
    const refreshUsable = row.refreshTokenEnc !== null && (row.refreshTokenExpiresAt === null || row.refreshTokenExpiresAt.getTime() > Date.now());
    if (!refreshUsable) {
      await markReconnectRequired(tx, row, row.accessTokenEnc, "refresh_token_missing_or_expired");
      return { kind: "reconnect" };
    }
    let session;
    try {
      ({ session } = await shopifyApp().auth.refreshToken({ shop: row.domain, refreshToken: decryptSecret(row.refreshTokenEnc!) }));
    } catch (error) {
      // 400 invalid_grant / 401: the refresh token was revoked (uninstall) or already used.
      if (error instanceof HttpResponseError && (error.response.code === 400 || error.response.code === 401)) {
        await markReconnectRequired(tx, row, row.accessTokenEnc, "refresh_rejected");
        return { kind: "reconnect" };
      }
      const status = error instanceof HttpResponseError ? error.response.code : null;
      throw new ShopifyApiError(status === null ? "network" : "http", row.domain, `Could not refresh the access token for ${row.domain}.`, { status, cause: error });
    }
    const enc = encryptSecret(session.accessToken!);
    await tx
      .update(shops)
      .set({
        accessTokenEnc: enc,
        accessTokenExpiresAt: session.expires ?? null,
        // Shopify rotates the refresh token on every refresh; keep the old one only if none came back.
        refreshTokenEnc: session.refreshToken ? encryptSecret(session.refreshToken) : row.refreshTokenEnc,
        refreshTokenExpiresAt: session.refreshToken ? (session.refreshTokenExpires ?? null) : row.refreshTokenExpiresAt,
        scopes: session.scope ?? row.scopes,
      })
      .where(eq(shops.id, row.id));
    return { kind: "token", token: session.accessToken!, enc, refreshed: true };
  });
  if (outcome.kind === "token" && outcome.refreshed) onEvent?.({ type: "token_refreshed", shop: domain });
  return outcome;
}

async function currentToken(db: Db, shop: ShopRow, onEvent?: (e: AdminClientEvent) => void): Promise<{ token: string; enc: string }> {
  if (shop.status !== "connected" || !shop.accessTokenEnc) throw reconnectRequiredError(shop.domain);
  if (!needsRefresh(shop)) return { token: decryptSecret(shop.accessTokenEnc), enc: shop.accessTokenEnc };
  const outcome = await refreshAccessToken(db, shop.id, null, onEvent);
  if (outcome.kind === "reconnect") throw reconnectRequiredError(shop.domain);
  return outcome;
}

// ------------------------------------------------------------------------------------------ the entry point

/**
 * Admin GraphQL for a connected shop row: decrypts its token (refreshing an expiring one under a
 * per-shop lock when less than 5 minutes are left), then `adminGraphqlWithToken`. A 401 gets one
 * forced refresh for expiring tokens; when Shopify still refuses, the shop is marked as needing
 * reconnection and an AppError (conflict, details.reason "shopify_reconnect_required") is thrown.
 * Returns `data` (validated by `options.schema` when given); `userErrors` are left to the caller.
 */
export async function shopifyGraphql<T = unknown>(
  db: Db,
  shop: ShopRow,
  document: string,
  variables: Record<string, unknown> = {},
  options: GraphqlOptions<T> = {},
): Promise<T> {
  let row = shop;
  let { token, enc } = await currentToken(db, row, options.onEvent);
  let recovered = false;
  for (;;) {
    try {
      return await adminGraphqlWithToken(row.domain, token, document, variables, options);
    } catch (error) {
      if (!(error instanceof ShopifyApiError) || error.kind !== "unauthorized") throw error;
      if (recovered) {
        await markReconnectRequired(db, row, enc, "token_rejected");
        throw reconnectRequiredError(row.domain);
      }
      recovered = true;
      if (row.refreshTokenEnc !== null) {
        // An expiring token may have been revoked early or rotated elsewhere: one forced refresh.
        const outcome = await refreshAccessToken(db, row.id, enc, options.onEvent);
        if (outcome.kind === "reconnect") throw reconnectRequiredError(row.domain);
        ({ token, enc } = outcome);
        continue;
      }
      if (await markReconnectRequired(db, row, enc, "token_rejected")) throw reconnectRequiredError(row.domain);
      // The row no longer holds the rejected token: the store was reconnected meanwhile; use the new one.
      const [fresh] = await db.select().from(shops).where(eq(shops.id, row.id)).limit(1);
      if (!fresh) throw reconnectRequiredError(row.domain);
      row = fresh;
      ({ token, enc } = await currentToken(db, row, options.onEvent));
    }
  }
}
