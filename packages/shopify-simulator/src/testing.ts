/**
 * Test helpers: a tiny HTTP receiver that records webhook deliveries (raw body + headers) and
 * verifies their HMAC the way an app must (over the raw bytes, base64, constant-time).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  rawBody: Buffer;
  body: unknown;
  /** null when the receiver has no secret to check against. */
  hmacValid: boolean | null;
  receivedAt: number;
}

export interface ReceiverReply {
  status?: number;
  /** Wait this long before answering (to provoke the simulator's timeout). */
  delayMs?: number;
  body?: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once at least `count` requests arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export function verifyShopifyHmac(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac("sha256", secret).update(raw).digest();
  const given = Buffer.from(header, "base64");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function startWebhookReceiver(
  opts: { secret?: string; reply?: (hook: ReceivedWebhook, index: number) => ReceiverReply | number } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : (v ?? "");
      let body: unknown = null;
      try {
        body = JSON.parse(rawBody.toString("utf8"));
      } catch {
        body = null;
      }
      const hook: ReceivedWebhook = {
        path: req.url ?? "/",
        headers,
        rawBody,
        body,
        hmacValid: opts.secret ? verifyShopifyHmac(rawBody, headers["x-shopify-hmac-sha256"], opts.secret) : null,
        receivedAt: Date.now(),
      };
      const index = received.length;
      received.push(hook);
      for (const w of [...waiters]) {
        if (received.length >= w.count) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
      const r = opts.reply?.(hook, index) ?? 200;
      const reply: ReceiverReply = typeof r === "number" ? { status: r } : r;
      const answer = (): void => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, { "Content-Type": "text/plain" });
        res.end(reply.body ?? "ok");
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    waitFor(count, timeoutMs = 5_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Expected ${count} webhooks, got ${received.length}`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A JSON client for the simulator's control API (`/_sim/*`) at `url`: status and parsed body. */
export function controlApi(url: () => string) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${url()}${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}
