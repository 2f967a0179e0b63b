import { createHmac, randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { shops } from "@/db/schema";
import { FIXTURES_DIR } from "@tally/shopify-simulator/fixtures";
import { uniq } from "./factories";

export { FIXTURES_DIR };
export const FIXTURE_SECRET = "shpss_test_client_secret_for_fixtures";

export type Fixture = { name: string; body: string; headers: Record<string, string> };

/** Every webhook fixture: its exact bytes and the headers (with the real test signature) it was sent with. */
export function webhookFixtures(): Fixture[] {
  const dirs = [FIXTURES_DIR, path.join(FIXTURES_DIR, "real")];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".meta.json"))
      .map((meta) => {
        const name = meta.replace(/\.meta\.json$/, "");
        const parsed = JSON.parse(readFileSync(path.join(dir, meta), "utf8")) as { headers: Record<string, string> };
        // The real captures did not record every header Shopify sends; fill in the missing ones
        // (the recorded signature is over the body only, so it stays valid).
        const headers: Record<string, string> = {
          ...parsed.headers,
          "X-Shopify-Webhook-Id": parsed.headers["X-Shopify-Webhook-Id"] ?? `fixture-${name}`,
          "X-Shopify-API-Version": /^\d{4}-\d{2}$/.test(parsed.headers["X-Shopify-API-Version"] ?? "") ? parsed.headers["X-Shopify-API-Version"]! : "2026-07",
        };
        return { name, body: readFileSync(path.join(dir, `${name}.json`), "utf8"), headers };
      }),
  );
}

export function sign(body: string, secret = FIXTURE_SECRET): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** A webhook request exactly as Shopify sends it. */
export function webhookRequest(input: { body: string; topic: string; shop: string; webhookId?: string; secret?: string; headers?: Record<string, string | null> }) {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": input.topic,
    "X-Shopify-Hmac-Sha256": sign(input.body, input.secret),
    "X-Shopify-Shop-Domain": input.shop,
    "X-Shopify-API-Version": "2026-07",
    "X-Shopify-Webhook-Id": input.webhookId ?? randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-Event-Id": randomUUID(),
  };
  for (const [k, v] of Object.entries(input.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return new Request("http://localhost/api/webhooks/shopify", { method: "POST", headers, body: input.body });
}

export function fixtureRequest(fixture: Fixture, overrides: Record<string, string | null> = {}, body = fixture.body) {
  const headers: Record<string, string> = { ...fixture.headers };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return new Request("http://localhost/api/webhooks/shopify", { method: "POST", headers, body });
}

/** A connected shop row for a workspace (custom-app style, no token needed for intake tests). */
export async function insertShop(db: Db, workspaceId: string, domain = `test-${uniq()}.myshopify.com`) {
  const [shop] = await db
    .insert(shops)
    .values({ workspaceId, domain, installKind: "custom_app", status: "connected", currency: "USD", name: domain, connectedAt: new Date() })
    .returning();
  return shop!;
}
