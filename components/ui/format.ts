/** Money arrives as integer minor units plus an ISO currency; formatting happens only here, in the UI. */
export function formatMoney(minorUnits: number, currency: string, locale = "en-US"): string {
  const digits = new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minorUnits / 10 ** digits);
}

export function formatDate(value: Date | string | null | undefined, opts: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", ...opts }).format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined) {
  return formatDate(value, { dateStyle: "medium", timeStyle: "short" });
}

/** Text folded for matching what people type: case and accents ignored ("Zoë" matches "zoe"). */
export function foldText(value: string | null | undefined): string {
  return (value ?? "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
