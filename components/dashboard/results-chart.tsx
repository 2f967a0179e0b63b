"use client";

import { useMemo, useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate, formatMoney } from "@/components/ui/format";
import type { SeriesPoint } from "@/lib/dashboard/get-campaign-dashboard";

const DAY_MS = 86_400_000;
type Point = { key: string; gross: number; refunds: number; net: number };
export type Granularity = "day" | "week";

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Monday of the week containing `day` (a calendar date, whatever its zone). */
export function weekOf(day: string): string {
  const ms = dayMs(day);
  const dow = (new Date(ms).getUTCDay() + 6) % 7;
  return isoDay(ms - dow * DAY_MS);
}

/** Every day (or week) from `from` to `to`, with zeros where nothing moved: an even time axis. */
export function bucketSeries(series: SeriesPoint[], from: string, to: string, granularity: Granularity): Point[] {
  const keyOf = (day: string) => (granularity === "week" ? weekOf(day) : day);
  const buckets = new Map<string, Point>();
  const step = granularity === "week" ? 7 * DAY_MS : DAY_MS;
  for (let t = dayMs(keyOf(from)); t <= dayMs(to); t += step) {
    const key = isoDay(t);
    buckets.set(key, { key, gross: 0, refunds: 0, net: 0 });
  }
  for (const p of series) {
    const b = buckets.get(keyOf(p.day));
    if (!b) continue;
    b.gross += p.grossCents;
    b.refunds -= p.refundCents; // drawn below the axis
    b.net += p.netCents;
  }
  return [...buckets.values()];
}

/**
 * Gross sales (up), refunds (down) and net (line) per day or week, with the campaign's start and
 * end marked. Days are the campaign's, like the rollups behind them.
 */
export function ResultsChart({ series, from, to, currency, startDay, endDay, timeZone }: { series: SeriesPoint[]; from: string; to: string; currency: string; startDay: string; endDay: string | null; timeZone: string }) {
  const spanDays = (dayMs(to) - dayMs(from)) / DAY_MS + 1;
  const [choice, setChoice] = useState<Granularity | null>(null);
  const granularity: Granularity = choice ?? (spanDays > 92 ? "week" : "day");
  const data = useMemo(() => bucketSeries(series, from, to, granularity), [series, from, to, granularity]);
  const money = (v: number) => formatMoney(v, currency);
  const compact = (v: number) => formatMoney(v, currency, { compact: true });
  const mark = (day: string) => (granularity === "week" ? weekOf(day) : day);
  const inAxis = (day: string) => data.some((p) => p.key === mark(day));
  const label = (key: string) => (granularity === "week" ? `Week of ${formatDate(key, { month: "short", day: "numeric" })}` : formatDate(key));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-500">Per {granularity}, days in {timeZone}. Refunds count on the day they happen.</p>
        <div role="group" aria-label="Chart interval" className="inline-flex rounded-md border border-slate-300 p-0.5">
          {(["day", "week"] as const).map((g) => (
            <button
              key={g}
              type="button"
              aria-pressed={granularity === g}
              onClick={() => setChoice(g)}
              className="rounded px-2.5 py-1 text-xs font-medium text-slate-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
            >
              {g === "day" ? "Daily" : "Weekly"}
            </button>
          ))}
        </div>
      </div>
      <div className="h-72 w-full" data-testid="results-chart" role="img" aria-label={`Gross sales, refunds and net sales per ${granularity} in ${currency}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} stackOffset="sign" margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="key" tickFormatter={(d: string) => formatDate(d, { month: "short", day: "numeric" })} tick={{ fontSize: 11 }} minTickGap={20} />
            <YAxis tickFormatter={compact} tick={{ fontSize: 11 }} width={64} />
            <Tooltip formatter={(value, name) => [money(Math.abs(Number(value))), String(name)]} labelFormatter={(k) => label(String(k))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <ReferenceLine y={0} stroke="#94a3b8" />
            {inAxis(startDay) && <ReferenceLine x={mark(startDay)} stroke="#6d28d9" strokeDasharray="4 3" label={{ value: "Start", position: "top", fontSize: 11, fill: "#6d28d9" }} />}
            {endDay && inAxis(endDay) && <ReferenceLine x={mark(endDay)} stroke="#6d28d9" strokeDasharray="4 3" label={{ value: "End", position: "top", fontSize: 11, fill: "#6d28d9" }} />}
            <Bar dataKey="gross" name="Gross sales" stackId="s" fill="#10b981" maxBarSize={40} isAnimationActive={false} />
            <Bar dataKey="refunds" name="Refunds" stackId="s" fill="#ef4444" maxBarSize={40} isAnimationActive={false} />
            <Line dataKey="net" name="Net sales" type="linear" stroke="#1e293b" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
