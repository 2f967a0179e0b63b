/**
 * Money is integer minor units plus an ISO 4217 currency, never floats. Shopify sends decimal
 * strings ("90.00", "1000" for JPY); these convert exactly, with string arithmetic.
 */
const exponentCache = new Map<string, number>();

export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exp = exponentCache.get(code);
  if (exp === undefined) {
    exp = new Intl.NumberFormat("en-US", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    exponentCache.set(code, exp);
  }
  return exp;
}

/** "12.5" USD → 1250; "-3.10" → -310; "1000" JPY → 1000. Throws on anything that is not a plain decimal. */
export function toMinorUnits(amount: string | number, currency: string): number {
  const text = typeof amount === "number" ? amount.toFixed(currencyExponent(currency)) : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`Not a money amount: "${text}"`);
  const exp = currencyExponent(currency);
  const [, sign, whole, frac = ""] = m;
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp))) {
    throw new Error(`"${text}" has more decimals than ${currency} allows`);
  }
  const units = Number(whole) * 10 ** exp + Number((frac + "0".repeat(exp)).slice(0, exp) || "0");
  if (!Number.isSafeInteger(units)) throw new Error(`Amount out of range: "${text}"`);
  return sign ? -units : units;
}

/** 1250 USD → "12.50" (for Shopify inputs); never for display (the UI formats with Intl). */
export function toDecimalString(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(exp + 1, "0");
  return `${sign}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}
