import type { ShopRow } from "./get-connected-shop";

/** A shop without its (encrypted) secrets: what leaves lib/shops. */
export type ShopSummary = Omit<ShopRow, "accessTokenEnc" | "refreshTokenEnc" | "webhookSecretEnc">;

export function toShopSummary(row: ShopRow): ShopSummary {
  const { accessTokenEnc: _a, refreshTokenEnc: _r, webhookSecretEnc: _w, ...summary } = row;
  return summary;
}
