import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The dashboard's date range: whole days of the campaign's time zone, both ends inclusive (the
 * rollups date each ledger entry in that zone). `from`/`to` null = unbounded ("campaign to date"
 * reads the all-time rollup).
 */
export type RangeKind = "campaign" | "7d" | "30d" | "90d" | "custom";
export type DashboardRange = { kind: RangeKind; from: string | null; to: string | null };

export const RANGE_KINDS: { kind: RangeKind; label: string }[] = [
  { kind: "campaign", label: "Campaign to date" },
  { kind: "7d", label: "Last 7 days" },
  { kind: "30d", label: "Last 30 days" },
  { kind: "90d", label: "Last 90 days" },
  { kind: "custom", label: "Custom" },
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CUSTOM_DAYS = 3 * 366;

export const rangeQuerySchema = z.object({
  range: z.enum(["campaign", "7d", "30d", "90d", "custom"]).default("campaign"),
  from: z.string().optional(),
  to: z.string().optional(),
});

export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

export function addDays(day: string, n: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
}

/** A 422 naming the field both ways: `field` (the dashboard's picker) and `fields` (the API's contract). */
const rangeError = (message: string, field: string) => new AppError("validation_failed", message, { field, fields: { [field]: [message] } });

function validDay(value: string | undefined, name: string): string {
  if (!value || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || utcDay(new Date(`${value}T00:00:00Z`)) !== value) {
    throw rangeError(`The ${name} date must be a real day written YYYY-MM-DD.`, name);
  }
  return value;
}

/** Turns the query string into a range; a bad custom range is a clear 422, never a silent default. */
export function resolveRange(input: { range?: string | null; from?: string | null; to?: string | null }, now: Date, timeZone = "UTC"): DashboardRange {
  const parsed = rangeQuerySchema.safeParse({ range: input.range ?? undefined, from: input.from ?? undefined, to: input.to ?? undefined });
  if (!parsed.success) throw rangeError("Range must be one of campaign, 7d, 30d, 90d or custom.", "range");
  const { range, from, to } = parsed.data;
  const today = dayIn(now, timeZone);
  switch (range) {
    case "campaign":
      return { kind: "campaign", from: null, to: null };
    case "7d":
    case "30d":
    case "90d":
      return { kind: range, from: addDays(today, -(Number.parseInt(range, 10) - 1)), to: today };
    case "custom": {
      const f = validDay(from, "from");
      const t = validDay(to, "to");
      if (f > t) throw rangeError("The range must start on or before the day it ends.", "from");
      const span = (Date.parse(`${t}T00:00:00Z`) - Date.parse(`${f}T00:00:00Z`)) / 86_400_000 + 1;
      if (span > MAX_CUSTOM_DAYS) throw rangeError(`A custom range can span at most ${MAX_CUSTOM_DAYS} days.`, "to");
      return { kind: "custom", from: f, to: t };
    }
  }
}

/** `?range=…&from=…&to=…` for links and fetches. */
export function rangeSearch(range: DashboardRange): string {
  const p = new URLSearchParams({ range: range.kind });
  if (range.kind === "custom" && range.from && range.to) {
    p.set("from", range.from);
    p.set("to", range.to);
  }
  return p.toString();
}
