/**
 * Money helpers. Internally every amount is an integer number of minor units of the shop
 * currency (cents for USD). Amounts are only turned into Shopify's decimal strings at the edge:
 *  - REST webhook payloads: fixed decimals ("85.00", "7.50"), see `formatRest`.
 *  - Admin GraphQL `Decimal` / `MoneyV2.amount`: trimmed decimals ("85.0", "36.72"), see `formatGraphql`.
 */

/** Currencies whose minor unit is not 1/100 (ISO 4217). Everything else uses 2 decimals. */
const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function currencyExponent(currency: string): number {
  return CURRENCY_EXPONENTS[currency.toUpperCase()] ?? 2;
}

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** True if `value` is a plain decimal string ("60", "60.5", "60.00", "-7.50"). */
export function isDecimalString(value: string): boolean {
  return DECIMAL_RE.test(value);
}

/**
 * Parses a decimal string into minor units. Throws if it has more decimals than the currency
 * allows (e.g. "1.005" USD) or is not a decimal at all.
 */
export function parseMoney(value: string, currency: string): number {
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) throw new RangeError(`"${value}" is not a decimal amount`);
  const exp = currencyExponent(currency);
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > exp) {
    throw new RangeError(`"${value}" has more than ${exp} decimal places for ${currency}`);
  }
  const minor = Number(m[2]) * 10 ** exp + (frac === "" ? 0 : Number(frac.padEnd(exp, "0")));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${value}" is out of range`);
  return m[1] ? -minor : minor;
}

/**
 * Converts an arbitrary decimal number (e.g. GraphQL Decimal "5", 5.5) into minor units,
 * rounding half away from zero.
 */
export function decimalToMinor(value: string | number, currency: string): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) throw new RangeError(`"${String(value)}" is not a number`);
  return roundHalfAwayFromZero(n * 10 ** currencyExponent(currency));
}

export function roundHalfAwayFromZero(n: number): number {
  // The epsilon absorbs binary noise such as 0.15 * 100 = 14.999999999999998.
  const r = Math.round(Math.abs(n) + 1e-9);
  return n < 0 ? -r : r;
}

/** REST style: fixed number of decimals, e.g. 8500 USD -> "85.00", -750 -> "-7.50", 1000 JPY -> "1000". */
export function formatRest(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(exp + 1, "0");
  return `${sign}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/** GraphQL style: trailing zeros trimmed but at least one decimal, e.g. "85.0", "36.72", "7.5". */
export function formatGraphql(minor: number, currency: string): string {
  const rest = formatRest(minor, currency);
  if (!rest.includes(".")) return `${rest}.0`;
  const trimmed = rest.replace(/0+$/, "");
  return trimmed.endsWith(".") ? `${trimmed}0` : trimmed;
}

/** Formats a plain JS number (percentages, tax rates) the way Shopify prints them: "15.0", "12.5". */
export function formatDecimalNumber(n: number): string {
  const s = String(Math.round(n * 1e6) / 1e6);
  return s.includes(".") ? s : `${s}.0`;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  USD: "$", CAD: "$", AUD: "$", NZD: "$", HKD: "$", SGD: "$", MXN: "$",
  EUR: "€", GBP: "£", JPY: "¥", CNY: "¥", INR: "₹", KRW: "₩", CHF: "CHF ", SEK: "kr ",
};

/** "$1.00" style used in discount summaries. */
export function formatWithSymbol(minor: number, currency: string): string {
  return `${SYMBOLS[currency] ?? `${currency} `}${formatRest(minor, currency)}`;
}

/**
 * Splits `total` minor units across `weights` proportionally, so that the parts sum to exactly
 * `total` (largest-remainder method; ties go to the earlier index). Zero/negative weights get 0.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  const positive = weights.map((w) => (w > 0 ? w : 0));
  const sum = positive.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const raw = positive.map((w) => (total * w) / sum);
  const floors = raw.map((r) => Math.floor(r + 1e-9));
  let remainder = total - floors.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r + 1e-9) }))
    .filter(({ i }) => (positive[i] ?? 0) > 0)
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remainder <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    remainder -= 1;
  }
  return floors;
}

/** Prorates `amount` (belonging to `ofQuantity` units) to `quantity` units, rounding half up. */
export function prorate(amount: number, quantity: number, ofQuantity: number): number {
  if (ofQuantity <= 0) return 0;
  if (quantity >= ofQuantity) return amount;
  return roundHalfAwayFromZero((amount * quantity) / ofQuantity);
}
