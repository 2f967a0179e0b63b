import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import postgres from "postgres";

/**
 * The floor for bench:intake: a bare Next.js route doing what any webhook intake must — HMAC-SHA256
 * over the raw bytes, one idempotent insert into an equivalent table — and nothing else. It belongs
 * to the benchmark, not to Tally.
 */
const sql = postgres(process.env.DATABASE_URL, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
const SECRET = process.env.SHOPIFY_API_SECRET;
const KEPT_HEADERS = ["x-shopify-topic", "x-shopify-hmac-sha256", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id", "x-shopify-triggered-at", "x-shopify-event-id", "x-shopify-name", "content-type", "user-agent"];

export const dynamic = "force-dynamic";

export async function POST(request) {
  const body = Buffer.from(await request.arrayBuffer());
  const given = Buffer.from(request.headers.get("x-shopify-hmac-sha256") ?? "", "base64");
  const expected = createHmac("sha256", SECRET).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return new Response("Unauthorized", { status: 401 });
  const h = request.headers;
  const headers = {};
  for (const name of KEPT_HEADERS) if (h.get(name) !== null) headers[name] = h.get(name);
  await sql`insert into bare_deliveries (id, shop_domain, webhook_id, topic, headers, raw_body)
    values (${randomUUID()}, ${h.get("x-shopify-shop-domain")}, ${h.get("x-shopify-webhook-id")}, ${h.get("x-shopify-topic")},
            ${JSON.stringify(headers)}::jsonb, ${body.toString("utf8")})
    on conflict (shop_domain, webhook_id) do nothing`;
  return new Response(null, { status: 200 });
}
