/**
 * Webhook delivery the way Shopify does it: one POST per subscription per topic, signed with
 * base64(HMAC-SHA256(raw body, secret)), retried on non-2xx/timeout with the *same* body and the
 * same X-Shopify-Webhook-Id, plus test-only delivery options (duplicate, delay, hold/reorder, drop).
 * Every delivery (even dropped ones) is kept in a queryable log.
 */
import { createHmac, randomUUID } from "node:crypto";

export const WEBHOOK_API_VERSION = "2026-07";

export interface DeliveryOptions {
  /** Send the same delivery (same webhook id, body, headers) this many extra times. */
  duplicate?: number;
  /** Fire the duplicates at the same time as the original instead of one after another. */
  concurrent?: boolean;
  /** Wait this long (real time) before the first attempt. */
  delayMs?: number;
  /** Queue until `release()`; lets tests reorder deliveries. */
  hold?: boolean;
  /** Never deliver, but record it (status "dropped"). */
  drop?: boolean;
}

export type DeliveryStatus = "scheduled" | "held" | "in_flight" | "retrying" | "delivered" | "failed" | "dropped";

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
}

export interface DeliveryRecord {
  /** Simulator-internal id of this delivery record ("dlv_12"). */
  id: string;
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  url: string;
  subscriptionId: string | null;
  triggeredAt: string;
  headers: Record<string, string>;
  /** The exact raw body that was (or would be) POSTed and signed. */
  body: string;
  /** 0 = the original; 1..n = duplicates of `duplicateOf`. */
  copy: number;
  duplicateOf: string | null;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  createdAt: string;
}

export interface DeliveryTarget {
  url: string;
  subscriptionId: string | null;
  name?: string | null;
}

export interface DispatchInput {
  shop: string;
  topic: string;
  body: string;
  secret: string;
  eventId: string;
  triggeredAt: string;
  targets: DeliveryTarget[];
  options?: DeliveryOptions;
}

export interface ReleaseInput {
  shop?: string;
  ids?: string[];
  topic?: string;
  /** fifo (default), reverse, or shuffle (seeded). Ignored when `ids` gives an explicit order. */
  order?: "fifo" | "reverse" | "shuffle";
  seed?: number;
  /** Fire all at once instead of one after another (each waits for the previous first attempt). */
  concurrent?: boolean;
}

export interface DispatcherOptions {
  /** Per-attempt timeout; Shopify gives up after 5 s. */
  timeoutMs?: number;
  /** Delay before retry n (length = number of retries). Shopify: 8 retries over 4 h. */
  retryDelaysMs?: number[];
  fetchImpl?: typeof fetch;
  /** Called with one human-readable line per attempt. */
  log?: (line: string) => void;
  now?: () => number;
}

/** A compressed version of Shopify's 8 exponential retries, suitable for local development. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000];

export function signWebhook(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

interface HeldEntry {
  delivery: DeliveryRecord;
  start: () => Promise<void>;
}

export class WebhookDispatcher {
  private readonly deliveries: DeliveryRecord[] = [];
  private readonly held: HeldEntry[] = [];
  private readonly active = new Set<Promise<void>>();
  private counter = 0;
  private closed = false;
  timeoutMs: number;
  retryDelaysMs: number[];
  private readonly fetchImpl: typeof fetch;
  private readonly log: (line: string) => void;
  private readonly now: () => number;

  constructor(opts: DispatcherOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.retryDelaysMs = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.log = opts.log ?? (() => {});
    this.now = opts.now ?? Date.now;
  }

  /** Creates (and, unless held/dropped/delayed, starts) the deliveries for one topic of one action. */
  dispatch(input: DispatchInput): DeliveryRecord[] {
    const opts = input.options ?? {};
    const hmac = signWebhook(input.body, input.secret);
    const created: DeliveryRecord[] = [];
    for (const target of input.targets) {
      const webhookId = randomUUID();
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": input.topic,
        "X-Shopify-Hmac-Sha256": hmac,
        "X-Shopify-Shop-Domain": input.shop,
        "X-Shopify-API-Version": WEBHOOK_API_VERSION,
        "X-Shopify-Webhook-Id": webhookId,
        "X-Shopify-Triggered-At": input.triggeredAt,
        "X-Shopify-Event-Id": input.eventId,
        "User-Agent": "Shopify-Captain-Hook",
      };
      if (target.name) headers["X-Shopify-Name"] = target.name;
      const copies = 1 + Math.max(0, Math.floor(opts.duplicate ?? 0));
      const group: DeliveryRecord[] = [];
      for (let copy = 0; copy < copies; copy++) {
        const d: DeliveryRecord = {
          id: `dlv_${++this.counter}`,
          webhookId,
          eventId: input.eventId,
          topic: input.topic,
          shop: input.shop,
          url: target.url,
          subscriptionId: target.subscriptionId,
          triggeredAt: input.triggeredAt,
          headers: { ...headers },
          body: input.body,
          copy,
          duplicateOf: copy === 0 ? null : (group[0]?.id ?? null),
          status: opts.drop ? "dropped" : opts.hold ? "held" : "scheduled",
          attempts: [],
          createdAt: new Date(this.now()).toISOString(),
        };
        this.deliveries.push(d);
        group.push(d);
        created.push(d);
      }
      if (opts.drop) {
        for (const d of group) this.log(`${d.topic} ${d.shop} -> ${d.url} DROPPED (webhook ${d.webhookId})`);
        continue;
      }
      if (opts.hold) {
        for (const d of group) this.held.push({ delivery: d, start: () => this.track(this.run(d)) });
        continue;
      }
      const startGroup = async (): Promise<void> => {
        if (opts.concurrent) {
          await Promise.all(group.map((d) => this.run(d)));
        } else {
          for (const d of group) await this.run(d);
        }
      };
      const delay = Math.max(0, opts.delayMs ?? 0);
      this.track(delay > 0 ? sleep(delay).then(startGroup) : startGroup());
    }
    return created;
  }

  /** Sends held deliveries (all, or filtered), in the requested order. Resolves once each has had its first attempt. */
  async release(input: ReleaseInput = {}): Promise<DeliveryRecord[]> {
    let picked: HeldEntry[];
    if (input.ids && input.ids.length > 0) {
      picked = [];
      for (const id of input.ids) {
        const entry = this.held.find((h) => h.delivery.id === id || h.delivery.webhookId === id);
        if (entry && !picked.includes(entry)) picked.push(entry);
      }
    } else {
      picked = this.held.filter(
        (h) => (!input.shop || h.delivery.shop === input.shop) && (!input.topic || h.delivery.topic === input.topic),
      );
      if (input.order === "reverse") picked.reverse();
      if (input.order === "shuffle") shuffle(picked, input.seed ?? Math.floor(Math.random() * 2 ** 31));
    }
    for (const entry of picked) {
      const i = this.held.indexOf(entry);
      if (i >= 0) this.held.splice(i, 1);
      entry.delivery.status = "scheduled";
    }
    if (input.concurrent) {
      await Promise.all(picked.map((e) => this.firstAttempt(e)));
    } else {
      for (const entry of picked) await this.firstAttempt(entry);
    }
    return picked.map((e) => e.delivery);
  }

  private async firstAttempt(entry: HeldEntry): Promise<void> {
    const done = entry.start();
    // Wait until the first attempt finished (or the whole run, whichever is first).
    await Promise.race([done, this.waitUntil(() => entry.delivery.attempts.length > 0, done)]);
  }

  private async waitUntil(pred: () => boolean, done: Promise<void>): Promise<void> {
    let finished = false;
    void done.then(() => (finished = true));
    while (!pred() && !finished) await sleep(2);
  }

  list(filter: { shop?: string; topic?: string; status?: DeliveryStatus; webhookId?: string; eventId?: string } = {}): DeliveryRecord[] {
    return this.deliveries.filter(
      (d) =>
        (!filter.shop || d.shop === filter.shop) &&
        (!filter.topic || d.topic === filter.topic) &&
        (!filter.status || d.status === filter.status) &&
        (!filter.webhookId || d.webhookId === filter.webhookId) &&
        (!filter.eventId || d.eventId === filter.eventId),
    );
  }

  get(id: string): DeliveryRecord | undefined {
    return this.deliveries.find((d) => d.id === id);
  }

  heldCount(): number {
    return this.held.length;
  }

  /** Resolves true once nothing is scheduled/in flight/retrying (held deliveries don't count), false on timeout. */
  async waitForIdle(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.active.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining)));
      await Promise.race([Promise.allSettled([...this.active]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }

  /** Forgets the log and held queue. In-flight requests finish in the background. */
  reset(): void {
    this.deliveries.length = 0;
    this.held.length = 0;
  }

  /** Stops scheduling further attempts (pending retries/delays are abandoned). */
  close(): void {
    this.closed = true;
    this.held.length = 0;
  }

  private track(p: Promise<void>): Promise<void> {
    const wrapped = p.catch(() => {});
    this.active.add(wrapped);
    void wrapped.finally(() => this.active.delete(wrapped));
    return wrapped;
  }

  private async run(d: DeliveryRecord): Promise<void> {
    if (d.status === "dropped") return;
    if (this.closed) {
      d.status = "failed";
      return;
    }
    for (let attempt = 0; ; attempt++) {
      d.status = "in_flight";
      const result = await this.attempt(d);
      d.attempts.push(result);
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      const copy = d.copy > 0 ? ` duplicate#${d.copy}` : "";
      this.log(
        `${d.topic} ${d.shop} -> ${d.url} ${result.status ?? result.error ?? "error"} ${result.durationMs}ms` +
          ` (webhook ${d.webhookId}${copy}, attempt ${attempt + 1})`,
      );
      if (ok) {
        d.status = "delivered";
        return;
      }
      const delay = this.retryDelaysMs[attempt];
      if (delay === undefined) {
        d.status = "failed";
        return;
      }
      d.status = "retrying";
      await sleep(delay);
      if (this.closed) {
        d.status = "failed";
        return;
      }
    }
  }

  private async attempt(d: DeliveryRecord): Promise<DeliveryAttempt> {
    const started = Date.now();
    const at = new Date(this.now()).toISOString();
    try {
      const res = await this.fetchImpl(d.url, {
        method: "POST",
        headers: d.headers,
        body: d.body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: "manual",
      });
      let text: string | null = null;
      try {
        text = (await res.text()).slice(0, 500);
      } catch {
        text = null;
      }
      return { at, status: res.status, error: null, durationMs: Date.now() - started, responseBody: text };
    } catch (e) {
      const err = e as Error;
      const timedOut = err.name === "TimeoutError" || err.name === "AbortError";
      return {
        at,
        status: null,
        error: timedOut ? `timeout after ${this.timeoutMs}ms` : describeFetchError(err),
        durationMs: Date.now() - started,
        responseBody: null,
      };
    }
  }
}

function describeFetchError(err: Error): string {
  const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? err.message;
}

/** Unref'd so pending retries/delays never keep a process alive on their own. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Seeded Fisher–Yates (mulberry32), so a shuffle can be reproduced from its seed. */
function shuffle<T>(items: T[], seed: number): void {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}
