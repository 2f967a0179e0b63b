import { toDecimalString } from "@/lib/money";

/**
 * Words for explanations. The only money formatting in lib: an explanation's summary is stored text a
 * brand reads, so it is written once, in en-US, with the shop currency's own decimals.
 */

/** 1350 USD → "$13.50"; 1000 JPY → "¥1,000"; an unknown currency → "13.50 XYZ" (never throws). */
export function formatMoney(minor: number, currency: string): string {
  try {
    const code = currency.toUpperCase();
    const decimal = toDecimalString(minor, code) as `${number}`;
    return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(decimal);
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
}

/** 1500 → "15 %"; 1250 → "12.5 %"; 3333 → "33.33 %" (string arithmetic, no floats). */
export function formatRate(bps: number): string {
  const sign = bps < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(bps));
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0").replace(/0+$/, "");
  return `${sign}${whole}${frac ? `.${frac}` : ""} %`;
}

/** The UTC day of a moment, "2026-09-01". */
export function formatDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? "an unknown date" : date.toISOString().slice(0, 10);
}

/** "JANE10", or `JANE10 (typed as " jane10 ")` when the customer typed it differently. */
export function describeTyped(code: string, typed: string): string {
  return typed === code ? code : `${code} (typed as ${JSON.stringify(typed)})`;
}

/** ["A"] → "A"; ["A", "B"] → "A and B"; ["A", "B", "C"] → "A, B and C". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
