import { currencyExponent } from "@/lib/money";

/**
 * The UI's one money formatter. Money arrives as integer minor units plus an ISO currency; it is
 * turned into text only here, with the currency's own decimals (1350 USD → "$13.50", 1000 JPY →
 * "¥1,000"). `compact` is for chart axes ("$1.2K").
 */
export function formatMoney(minorUnits: number, currency: string, options: { compact?: boolean; locale?: string } = {}): string {
  const { compact = false, locale = "en-US" } = options;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    ...(compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
  }).format(minorUnits / 10 ** currencyExponent(currency));
}

/**
 * The UI's one percent formatter, for rates and shares held in basis points (1500 → "15%", 1250 →
 * "12.5%", 3333 → "33.33%"); null (no rate yet, e.g. no sales) → "—".
 */
export function formatPercent(bps: number | null): string {
  if (bps === null || !Number.isFinite(bps)) return "—";
  return new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 2 }).format(bps / 10_000);
}

/** A ratio (0.125) in basis points (1250), for formatPercent. */
export const ratioToBps = (ratio: number | null): number | null => (ratio === null ? null : ratio * 10_000);

export function formatDate(value: Date | string | null | undefined, opts: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", ...opts }).format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined) {
  return formatDate(value, { dateStyle: "medium", timeStyle: "short" });
}

/**
 * The zone's short name at that instant: "PDT", "CEST", "BST", "UTC" — or "GMT+9" where no
 * abbreviation is in common use. en-US knows the American names, en-GB the European ones.
 */
export function zoneAbbreviation(value: Date | string, timeZone: string): string {
  const at = new Date(value);
  const name = (locale: string) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const us = name("en-US");
  if (!/^GMT[+-]/.test(us)) return us;
  const gb = name("en-GB");
  return /^GMT[+-]/.test(gb) ? us : gb;
}

/**
 * A date and time as the brand reads it: in the campaign's or store's zone, labelled with the zone
 * ("Jun 3, 2026, 11:59 PM CEST"). The API stays UTC; only the UI shows local time. Pure (the zone is
 * explicit), so the server and the browser render the same text.
 */
export function formatDateTimeIn(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  const text = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
  return `${text} ${zoneAbbreviation(value, timeZone)}`;
}

/** A calendar date in a zone ("Jun 3, 2026"): the day it was there. */
export function formatDateIn(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(new Date(value));
}

export { foldText } from "@/lib/fold-text";
