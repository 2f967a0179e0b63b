import type { webhookDeliveries } from "@/db/schema";

type Delivery = Pick<typeof webhookDeliveries.$inferSelect, "rawBody" | "rawBodyBytes">;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const BOM = "\uFEFF";

/**
 * The body's bytes as text, when they are UTF-8 (a BOM kept as U+FEFF, so encoding the text gives
 * the same bytes back); null when they are not UTF-8.
 */
export function decodeUtf8Exactly(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * How a received body is stored, byte for byte: as text when Postgres `text` can hold it exactly
 * (UTF-8 without NUL: every body Shopify sends), otherwise as bytes.
 */
export function bodyForStorage(bytes: Uint8Array): { rawBody: string; rawBodyBytes: null } | { rawBody: null; rawBodyBytes: Buffer } {
  const text = decodeUtf8Exactly(bytes);
  if (text !== null && !text.includes("\u0000")) return { rawBody: text, rawBodyBytes: null };
  return { rawBody: null, rawBodyBytes: Buffer.from(bytes) };
}

/** The stored body's bytes, exactly as they were received. */
export function storedBodyBytes(delivery: Delivery): Buffer {
  return delivery.rawBodyBytes ?? Buffer.from(delivery.rawBody ?? "", "utf8");
}

/**
 * The stored body as JSON text for processing (a leading byte-order mark ignored, as RFC 8259
 * allows), or why it can never be used: bodies that are not UTF-8 or carry NUL bytes are stored
 * but are not Shopify's.
 */
export function storedBodyText(delivery: Delivery): { ok: true; text: string } | { ok: false; reason: string } {
  if (delivery.rawBody !== null) return { ok: true, text: delivery.rawBody.startsWith(BOM) ? delivery.rawBody.slice(1) : delivery.rawBody };
  const text = delivery.rawBodyBytes ? decodeUtf8Exactly(delivery.rawBodyBytes) : null;
  if (text === null) return { ok: false, reason: "The body is not UTF-8 text; Shopify always sends UTF-8 JSON." };
  return { ok: false, reason: "The body contains NUL bytes (U+0000), which Shopify never sends; it was stored as received and not processed." };
}
