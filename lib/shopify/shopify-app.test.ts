import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { adminOrigin, SHOPIFY_API_VERSION, shopifyApp, shopifyFetch } from "./shopify-app";

beforeAll(() => {
  // Before anything reads the (cached) configuration.
  process.env.SHOPIFY_ADMIN_ORIGIN = "http://127.0.0.1:4999/";
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("SHOPIFY_ADMIN_ORIGIN routing", () => {
  it("adminOrigin points every shop at the override", () => {
    expect(adminOrigin("Glow.myshopify.com")).toBe("http://127.0.0.1:4999");
  });

  it("shopifyFetch rewrites myshopify URLs, keeps path, query and headers, and names the shop", async () => {
    const spy = vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("{}"));
    await shopifyFetch("https://glow.myshopify.com/admin/oauth/access_token?x=1", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    const [url, init] = spy.mock.calls[0]!;
    expect(url).toBe("http://127.0.0.1:4999/admin/oauth/access_token?x=1");
    const headers = new Headers(init?.headers);
    expect(headers.get("X-Shopify-Shop-Domain")).toBe("glow.myshopify.com");
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(init?.method).toBe("POST");
    expect(init?.signal).toBeInstanceOf(AbortSignal); // a timeout, always
  });

  it("leaves other hosts alone", async () => {
    const spy = vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("{}"));
    await shopifyFetch("https://example.com/anything");
    expect(spy.mock.calls[0]![0]).toBe("https://example.com/anything");
  });

  it("shopify-api is configured for a non-embedded app on 2026-07, and its HTTP goes through shopifyFetch", async () => {
    const app = shopifyApp();
    expect(app).toBe(shopifyApp());
    expect(app.config.apiVersion).toBe(SHOPIFY_API_VERSION);
    expect(app.config.isEmbeddedApp).toBe(false);
    const spy = vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({ error: "invalid_grant" }, { status: 400 }));
    await expect(app.auth.refreshToken({ shop: "glow.myshopify.com", refreshToken: "shprt_x" })).rejects.toThrow();
    expect(spy.mock.calls[0]![0]).toBe("http://127.0.0.1:4999/admin/oauth/access_token");
  });
});
