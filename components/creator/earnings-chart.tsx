"use client";

import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate, formatMoney } from "@/components/ui/format";
import type { EarningsSeries } from "@/lib/creators/earnings-types";

const DAY_MS = 86_400_000;

/** Fills the days without ledger movements between the first one and today, so the time axis is even. */
function fillDays(series: EarningsSeries, today: string) {
  const byDay = new Map(series.days.map((d) => [d.day, d]));
  const first = series.days[0]?.day ?? today;
  const out: { day: string; earned: number; refunds: number; net: number }[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${today}T00:00:00Z`); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const d = byDay.get(day);
    out.push({ day, earned: d?.earnedCents ?? 0, refunds: d?.reversedCents ?? 0, net: d?.netCents ?? 0 });
  }
  return out;
}

/** Net commission per day, one currency at a time: sales up, refunds as negative bars. */
export function EarningsChart({ series, generatedAt, days }: { series: EarningsSeries[]; generatedAt: string; days: number }) {
  const [picked, setPicked] = useState<string | null>(null);
  const current = series.find((s) => s.currency === picked) ?? series[0];
  const today = generatedAt.slice(0, 10);
  const data = useMemo(() => (current ? fillDays(current, today) : []), [current, today]);
  if (!current) return <p className="text-sm text-slate-500">No commission movements in the last {days} days.</p>;
  const currency = current.currency;
  const money = (v: number) => formatMoney(v, currency);
  return (
    <div className="space-y-3">
      {series.length > 1 && (
        <div role="group" aria-label="Currency" className="flex flex-wrap gap-2">
          {series.map((s) => (
            <button
              key={s.currency}
              type="button"
              aria-pressed={s.currency === currency}
              onClick={() => setPicked(s.currency)}
              className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
            >
              {s.currency}
            </button>
          ))}
        </div>
      )}
      <div className="h-64 w-full" data-testid="earnings-chart" aria-label={`Net earnings per day in ${currency}`} role="img">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="day" tickFormatter={(d: string) => formatDate(d, { month: "short", day: "numeric" })} tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis tickFormatter={money} tick={{ fontSize: 11 }} width={72} />
            <Tooltip
              formatter={(value, name) => [money(Number(value)), String(name)]}
              labelFormatter={(d) => formatDate(String(d))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <ReferenceLine y={0} stroke="#94a3b8" />
            <Bar dataKey="earned" name="Commission earned" stackId="net" fill="#059669" maxBarSize={48} isAnimationActive={false} />
            <Bar dataKey="refunds" name="Refunds" stackId="net" fill="#dc2626" maxBarSize={48} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
