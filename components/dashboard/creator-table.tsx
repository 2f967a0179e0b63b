"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { formatDate, formatMoney, formatPercent, ratioToBps } from "@/components/ui/format";
import { CREATOR_PAGE_SIZES, firstDirection, type CreatorSortKey, type CreatorTableMeta, type CreatorTableQuery } from "@/lib/dashboard/creator-table";
import type { CreatorRow } from "@/lib/dashboard/get-campaign-dashboard";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Column = { key: CreatorSortKey; label: string; numeric: boolean };

const COLUMNS: Column[] = [
  { key: "name", label: "Creator", numeric: false },
  { key: "code", label: "Code", numeric: false },
  { key: "orders", label: "Orders", numeric: true },
  { key: "grossCents", label: "Gross", numeric: true },
  { key: "refundCents", label: "Refunds", numeric: true },
  { key: "netCents", label: "Net", numeric: true },
  { key: "netCommissionCents", label: "Commission", numeric: true },
  { key: "refundRate", label: "Refund rate", numeric: true },
  { key: "lastSaleAt", label: "Last sale", numeric: false },
];

/** How long typing pauses before the filter asks the server (each keystroke would be a request). */
const FILTER_PAUSE_MS = 250;

/**
 * The per-creator table, one page of it: every column sorts (click the header; again to reverse), a
 * filter on name/handle/code, and pages of 50/100/500 rows. Sorting, filtering and paging happen on
 * the server (lib/dashboard/creator-table.ts) over the whole roster; this shows the page it sent
 * (`rows`, `meta`) and asks for another through `onChange`.
 */
export function CreatorTable({ rows, meta, currency, conversionsHref, onChange }: { rows: CreatorRow[]; meta: CreatorTableMeta; currency: string; conversionsHref: (creatorId: string) => string; onChange: (next: CreatorTableQuery) => void }) {
  const view: CreatorTableQuery = { sort: meta.sort, dir: meta.dir, q: meta.q, page: meta.page, size: meta.size };
  const [filter, setFilter] = useState(meta.q);
  const latest = useRef({ view, onChange });
  useEffect(() => {
    latest.current = { view, onChange };
  });
  useEffect(() => {
    if (filter.trim() === latest.current.view.q) return;
    const timer = setTimeout(() => latest.current.onChange({ ...latest.current.view, q: filter, page: 1 }), FILTER_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [filter]);
  const money = (c: number) => formatMoney(c, currency);
  const first = (meta.page - 1) * meta.size + 1;
  const onSort = (key: CreatorSortKey) => onChange({ ...view, sort: key, dir: meta.sort === key ? (meta.dir === "asc" ? "desc" : "asc") : firstDirection(key), page: 1 });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-full max-w-xs">
          <label htmlFor="creator-filter" className="block text-xs font-medium text-slate-600">
            Filter by name, handle or code
          </label>
          <input
            id="creator-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="e.g. jane or JANE-7K2Q"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
          />
        </div>
        <p className="text-sm text-slate-500" data-testid="creator-count" aria-live="polite">
          {meta.matching === meta.total ? `${meta.total.toLocaleString("en-US")} creators` : `${meta.matching.toLocaleString("en-US")} of ${meta.total.toLocaleString("en-US")} creators`}
        </p>
      </div>
      <ScrollRegion label="Creators in this campaign" className="-mx-5">
        <table className="min-w-full text-sm" data-testid="creator-results">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={meta.sort === c.key ? (meta.dir === "asc" ? "ascending" : "descending") : "none"} className={`whitespace-nowrap px-3 py-2 font-medium first:pl-5 last:pr-5 ${c.numeric ? "text-right" : ""}`}>
                  <button type="button" onClick={() => onSort(c.key)} className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
                    {c.label}
                    <span aria-hidden="true" className="w-2 text-[10px]">{meta.sort === c.key ? (meta.dir === "asc" ? "▲" : "▼") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.creatorId} className="hover:bg-slate-50" data-testid="creator-row">
                <td className="px-3 py-2 pl-5">
                  <Link href={conversionsHref(r.creatorId)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {r.name}
                  </Link>
                  {r.handle && <span className="ml-1.5 text-xs text-slate-500">@{r.handle}</span>}
                  {!r.onRoster && <span className="ml-1.5 text-xs text-amber-700">(left)</span>}
                </td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-600">{r.code ?? "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.orders.toLocaleString("en-US")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{money(r.grossCents)}</td>
                <td className="px-3 py-2 text-right tabular-nums text-slate-600">{r.refundCents ? money(r.refundCents) : "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{money(r.netCents)}</td>
                <td className="px-3 py-2 text-right font-medium tabular-nums">
                  {money(r.netCommissionCents)}
                  {r.awaitingPayment.orders > 0 && (
                    <span className="block text-[11px] font-normal text-violet-700" title="Commission on orders not paid yet in Shopify: earned once they are paid">
                      +{money(r.awaitingPayment.commissionCents)} awaiting payment
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 text-right tabular-nums text-slate-600">{formatPercent(ratioToBps(r.refundRate))}</td>
                <td className="whitespace-nowrap px-3 py-2 pr-5 text-slate-600">{formatDate(r.lastSaleAt)}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="px-5 py-8 text-center text-sm text-slate-500">
                  No creator matches “{meta.q}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
      <nav aria-label="Creator table pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <label className="flex items-center gap-2 text-slate-600">
          Rows per page
          <select value={meta.size} onChange={(e) => onChange({ ...view, size: Number(e.target.value), page: 1 })} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            {CREATOR_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
        <div className="flex items-center gap-2">
          <span className="tabular-nums text-slate-600" data-testid="creator-page">
            {meta.matching === 0 ? "0" : `${first}–${Math.min(meta.matching, meta.page * meta.size)}`} of {meta.matching.toLocaleString("en-US")}
          </span>
          <button type="button" onClick={() => onChange({ ...view, page: meta.page - 1 })} disabled={meta.page <= 1} className="rounded-md border border-slate-300 px-2.5 py-1 disabled:opacity-40">
            Previous
          </button>
          <button type="button" onClick={() => onChange({ ...view, page: meta.page + 1 })} disabled={meta.page >= meta.pages} className="rounded-md border border-slate-300 px-2.5 py-1 disabled:opacity-40">
            Next
          </button>
        </div>
      </nav>
    </div>
  );
}
