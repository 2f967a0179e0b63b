"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, EmptyState } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { DataTable } from "@/components/ui/table";
import type { ClickAnalytics } from "@/lib/clicks/click-analytics";

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(r >= 0.1 ? 0 : 1)} %`);
const REASONS: Record<string, string> = { bot: "bots and link previews", prefetch: "prefetches", head: "link checkers", no_user_agent: "no browser", rate_limited: "over the per-address limit" };

/**
 * Clicks on referral links for a range: totals, a daily chart (clicks and unique visitors, with the
 * orders credited through them), a per-creator table (brand only) and the top landing pages. Visits by
 * bots, link previews and prefetches are never in these figures; the totals say how many were left out.
 */
export function ClickAnalyticsPanel({ analytics, showCreators = true, title = "Referral link clicks" }: { analytics: ClickAnalytics; showCreators?: boolean; title?: string }) {
  const a = analytics;
  const notCounted = Object.entries(a.totals.notCounted).filter(([k, v]) => k !== "total" && v > 0);
  const description = `${formatDate(a.from)} – ${formatDate(a.to)}, days in ${a.timeZone}. A visitor's repeat within 30 minutes is one click.`;
  if (a.totals.clicks === 0 && a.totals.notCounted.total === 0) {
    return (
      <Card title={title} description={description}>
        <div data-testid="click-analytics">
          <EmptyState title="No clicks in these days yet">Clicks appear here as soon as someone follows a referral link.</EmptyState>
        </div>
      </Card>
    );
  }
  return (
    <Card title={title} description={description}>
      <div className="space-y-5" data-testid="click-analytics">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Figure label="Clicks" value={a.totals.clicks.toLocaleString("en-US")} />
          <Figure label="Unique visitors" value={a.totals.uniqueVisitors.toLocaleString("en-US")} />
          <Figure label="Orders from links" value={a.totals.orders.toLocaleString("en-US")} />
          <Figure label="Click-to-order rate" value={pct(a.totals.conversionRate)} />
        </dl>
        <p className="text-xs text-slate-500" data-testid="clicks-not-counted">
          {a.totals.notCounted.total > 0
            ? `Not counted: ${a.totals.notCounted.total.toLocaleString("en-US")} visits (${notCounted.map(([k, v]) => `${v} ${REASONS[k] ?? k}`).join(", ")}).`
            : "No visits by bots, link previews or prefetches in these days."}
        </p>
        <div className="h-64 w-full" data-testid="clicks-chart" role="img" aria-label="Clicks, unique visitors and orders from links per day">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={a.days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="day" tickFormatter={(d: string) => formatDate(d, { month: "short", day: "numeric" })} tick={{ fontSize: 11 }} minTickGap={20} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
              <Tooltip labelFormatter={(d) => formatDate(String(d))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="clicks" name="Clicks" fill="#7c3aed" isAnimationActive={false} />
              <Line dataKey="uniqueVisitors" name="Unique visitors" stroke="#0ea5e9" dot={false} strokeWidth={2} isAnimationActive={false} />
              <Line dataKey="orders" name="Orders" stroke="#16a34a" dot={false} strokeWidth={2} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        {showCreators && (
          <DataTable
            label="Clicks per creator"
            testId="clicks-by-creator"
            columns={[{ label: "Creator" }, { label: "Clicks", align: "right" }, { label: "Unique visitors", align: "right" }, { label: "Orders", align: "right" }, { label: "Rate", align: "right" }]}
          >
            {a.creators.map((c) => (
              <tr key={c.creatorId}>
                <td className="px-5 py-2">{c.name}</td>
                <td className="px-5 py-2 text-right tabular-nums">{c.clicks}</td>
                <td className="px-5 py-2 text-right tabular-nums">{c.uniqueVisitors}</td>
                <td className="px-5 py-2 text-right tabular-nums">{c.orders}</td>
                <td className="px-5 py-2 text-right tabular-nums">{pct(c.conversionRate)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {a.topLandingPages.length > 0 && (
          <div>
            <h3 className="text-sm font-medium text-slate-700">Top landing pages</h3>
            <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="top-landing-pages">
              {a.topLandingPages.map((p) => (
                <li key={p.path} className="flex justify-between gap-3 py-1.5">
                  <span className="truncate font-mono text-xs">{p.path}</span>
                  <span className="tabular-nums text-slate-600">{p.clicks}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
