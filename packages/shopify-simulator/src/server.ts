/**
 * Plain node:http front end of the simulator:
 *   POST /admin/api/{version}/graphql.json   Admin GraphQL (X-Shopify-Access-Token)
 *   GET  /admin/oauth/authorize              OAuth authorize (auto-approve, 302)
 *   POST /admin/oauth/access_token           OAuth token endpoint
 *   *    /_sim/...                           control API (control.ts)
 *   GET  /, /products/…, /discount/…, /cart… Online Store (storefront.ts), for the shop named by
 *                                            X-Shopify-Shop-Domain or a *.myshopify.com Host
 * The shop for OAuth comes from `?shop=`, the X-Shopify-Shop-Domain header, or a *.myshopify.com Host.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleControl } from "./control";
import { ADMIN_API_VERSION } from "./graphql/schema";
import { accessToken, authorize, type HttpResult } from "./oauth";
import { Simulator, type SimulatorOptions } from "./simulator";
import { Storefront } from "./storefront";

/** Tally's theme app embed script, when the simulator runs inside the Tally repository. */
function defaultEmbedScript(): string | null {
  const path = fileURLToPath(new URL("../../../extensions/tally-tracking/assets/tally-tracking.js", import.meta.url));
  return existsSync(path) ? path : null;
}

const MAX_BODY = 5 * 1024 * 1024;
const INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)";

export interface ListeningSimulator {
  url: string;
  port: number;
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw Object.assign(new Error("Request body too large"), { status: 413 });
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string> = { "X-Request-Id": randomUUID(), ...(result.headers ?? {}) };
  if (result.body === null || result.body === undefined) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  if (typeof result.body === "string") {
    res.writeHead(result.status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
    res.end(result.body);
    return;
  }
  res.writeHead(result.status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(result.body));
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name.toLowerCase()];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

function shopFromRequest(req: IncomingMessage, url: URL): string | null {
  const explicit = url.searchParams.get("shop") ?? headerValue(req, "x-shopify-shop-domain");
  if (explicit) return explicit.toLowerCase();
  const host = (headerValue(req, "host") ?? "").replace(/:\d+$/, "").toLowerCase();
  return host.endsWith(".myshopify.com") ? host : null;
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw.trim() === "") return undefined;
  if (contentType.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  return JSON.parse(raw) as unknown;
}

export class ShopifySimulator extends Simulator {
  private server: http.Server | null = null;
  /** The Online Store: product page with the app embed, shareable discount URLs, Ajax Cart API, checkout. */
  readonly storefront: Storefront;

  constructor(options: SimulatorOptions = {}) {
    super(options);
    this.storefront = new Storefront(
      (shop) => this.storefrontNow(shop),
      (shop, input) => {
        const { order } = this.placeOrder(shop, input);
        return { id: order.id, name: order.name };
      },
      options.embedScriptPath === undefined ? defaultEmbedScript() : options.embedScriptPath,
    );
  }

  /** The request handler, usable with any node:http server (or in-process with a fake req/res). */
  readonly handler = (req: IncomingMessage, res: ServerResponse): void => {
    this.handle(req, res).catch((e: unknown) => {
      const err = e as Error & { status?: number };
      if (!res.headersSent) send(res, { status: err.status ?? 500, body: { errors: err.status ? err.message : `Internal simulator error: ${err.message}` } });
      else res.end();
    });
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const contentType = (headerValue(req, "content-type") ?? "").toLowerCase();

    if (path === "/_sim" || path.startsWith("/_sim/")) {
      const raw = method === "GET" || method === "HEAD" ? "" : await readBody(req);
      let body: unknown;
      try {
        body = parseBody(raw, contentType);
      } catch {
        send(res, { status: 400, body: { error: "invalid_json", message: "Request body is not valid JSON" } });
        return;
      }
      const segments = path.split("/").filter(Boolean).slice(1);
      send(res, await handleControl(this, method, segments, url.searchParams, body));
      return;
    }

    const gql = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
    if (gql) {
      if (method !== "POST") {
        send(res, { status: 405, headers: { Allow: "POST" }, body: { errors: "Method Not Allowed" } });
        return;
      }
      const version = gql[1] ?? "";
      if (!/^(\d{4}-\d{2}|unstable)$/.test(version)) {
        send(res, { status: 404, body: { errors: "Not Found" } });
        return;
      }
      await this.handleGraphql(req, res, url, contentType);
      return;
    }

    if (path === "/admin/oauth/authorize" && method === "GET") {
      send(res, authorize(this, url.searchParams, shopFromRequest(req, url)));
      return;
    }
    if (path === "/admin/oauth/access_token" && method === "POST") {
      const raw = await readBody(req);
      let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
      try {
        const parsed = parseBody(raw, contentType);
        if (parsed && typeof parsed === "object") params = { ...params, ...(parsed as Record<string, unknown>) };
      } catch {
        send(res, { status: 400, body: { error: "invalid_request", error_description: "Body is not valid JSON" } });
        return;
      }
      send(res, accessToken(this, params, shopFromRequest(req, url)));
      return;
    }
    if (await this.storefront.handle(req, res, url, shopFromRequest(req, url), () => readBody(req))) return;
    send(res, { status: 404, body: { errors: "Not Found" } });
  }

  private async handleGraphql(req: IncomingMessage, res: ServerResponse, url: URL, contentType: string): Promise<void> {
    const baseHeaders = { "X-Shopify-API-Version": ADMIN_API_VERSION };
    const token = this.store.authenticate(headerValue(req, "x-shopify-access-token"));
    const shopHint = shopFromRequest(req, url);
    if (!token || (shopHint !== null && shopHint !== token.shop)) {
      await readBody(req).catch(() => "");
      send(res, { status: 401, headers: baseHeaders, body: { errors: INVALID_TOKEN } });
      return;
    }
    const raw = await readBody(req);
    let request: Record<string, unknown>;
    if (contentType.includes("application/graphql")) {
      request = { query: raw };
    } else {
      try {
        const parsed = JSON.parse(raw) as unknown;
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
        request = parsed as Record<string, unknown>;
      } catch {
        send(res, { status: 400, headers: baseHeaders, body: { errors: { query: "Required parameter missing or invalid" } } });
        return;
      }
    }
    const result = await this.graphqlForToken(token, request);
    send(res, { status: result.status, headers: baseHeaders, body: result.body });
  }

  /** Starts listening (port 0 = random free port). Resolves with the base URL. */
  async listen(port = 0, host = "127.0.0.1"): Promise<ListeningSimulator> {
    if (this.server) throw new Error("The simulator is already listening");
    this.warmup();
    const server = http.createServer(this.handler);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const addr = server.address() as AddressInfo;
    const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
    const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${addr.port}`;
    this.baseUrl = url;
    return { url, port: addr.port, close: () => this.close() };
  }

  /** Stops the HTTP server and abandons pending webhook retries. */
  async close(): Promise<void> {
    this.webhooks.close();
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

/** Creates a simulator; call `listen(0)` to serve it over HTTP in-process. */
export function createShopifySimulator(options: SimulatorOptions = {}): ShopifySimulator {
  return new ShopifySimulator(options);
}
