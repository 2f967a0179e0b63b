import { getDb } from "@/db/client";
import { receiveShopifyWebhook } from "@/lib/webhooks/receive-shopify-webhook";

export const dynamic = "force-dynamic";

/**
 * Shopify webhook intake (CONTRACT.md): 401 on a bad or missing signature (nothing stored), 200 once
 * the delivery is durably recorded (duplicates too), 5xx only when it could not be recorded.
 */
export async function POST(request: Request) {
  // The bytes exactly as sent: request.text() would drop a byte-order mark and replace invalid UTF-8.
  const rawBody = new Uint8Array(await request.arrayBuffer());
  try {
    const result = await receiveShopifyWebhook(await getDb(), { rawBody, request });
    if (result.status === 401) return new Response("Unauthorized", { status: 401 });
    return new Response(null, { status: 200 });
  } catch (error) {
    console.error("[tally] could not record a Shopify delivery; Shopify will retry:", error);
    return new Response("Could not record the delivery", { status: 503 });
  }
}
