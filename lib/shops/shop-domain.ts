import { AppError } from "@/lib/errors";

/** A myshopify domain as Shopify names stores: lower-case, `<handle>.myshopify.com`. */
export const SHOP_DOMAIN_RE = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function fieldError(field: string, message: string): AppError {
  return new AppError("validation_failed", message, { fields: { [field]: [message] } });
}

/** Trims and lower-cases a store domain; anything but `<handle>.myshopify.com` is a validation error. */
export function normalizeShopDomain(input: string): string {
  const domain = input.trim().toLowerCase();
  if (!SHOP_DOMAIN_RE.test(domain)) {
    throw fieldError("shop", "Use the store's myshopify.com domain, e.g. your-store.myshopify.com.");
  }
  return domain;
}
