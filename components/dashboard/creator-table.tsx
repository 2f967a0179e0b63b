"use client";

import Link from "next/link";
import { useDeferredValue, useMemo, useState } from "react";
import { foldText, formatDate, formatMoney, formatPercent, ratioToBps } from "@/components/ui/format";
import type { CreatorRow } from "@/lib/dashboard/get-campaign-dashboard";
import { ScrollRegion } from "@/components/ui/scroll-region";

type SortKey = "name" | "code" | "orders" | "grossCents" | "refundCents" | "netCents" | "netCommissionCents" | "refundRate" | "lastSaleAt";
type Column = { key: SortKey; label: string; numeric: boolean };

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
const PAGE_SIZES = [50, 100, 500] as const;


/** Case-insensitive (and accent-insensitive) match on name, handle and code. */
function matches(row: CreatorRow, needle: string) {
  const q = foldText(needle.trim());
  return !q || [row.name, row.handle, row.code].some((v) => foldText(v).includes(q));
}

function compare(a: CreatorRow, b: CreatorRow, key: SortKey): number {
  const av = a[key];
  const bv = b[key];
  if (av === bv) return 0;
  if (av === null) return 1; // empty values last, whichever the direction
  if (bv === null) return -1;
  if (typeof av === "number" && typeof bv === "number") return av - bv;
  return String(av).localeCompare(String(bv), "en", { sensitivity: "base" });
}

/**
 * The per-creator table: every column sorts (click the header; again to reverse), a filter on
 * name/handle/code, and pages of 50/100/500 rows. Sorting and filtering happen in the browser: a
 * campaign has at most a few hundred creators and the whole table arrives with each refresh.
 */
export function CreatorTable({ rows, currency, conversionsHref }: { rows: CreatorRow[]; currency: string; conversionsHref: (creatorId: string) => string }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: "asc" | "desc" }>({ key: "netCommissionCents", dir: "desc" });
  const [filter, setFilter] = useState("");
  const [pageSize, setPageSize] = useState<number>(50);
  const [page, setPage] = useState(0);
  const deferredFilter = useDeferredValue(filter);
  const money = (c: number) => formatMoney(c, currency);

  const visible = useMemo(() => {
    const filtered = rows.filter((r) => matches(r, deferredFilter));
    const sign = sort.dir === "asc" ? 1 : -1;
    return filtered.sort((a, b) => {
      const c = compare(a, b, sort.key);
      if (c === 0) return a.name.localeCompare(b.name);
      if (a[sort.key] === null || b[sort.key] === null) return c; // nulls stay last
      return sign * c;
    });
  }, [rows, deferredFilter, sort]);

  const pages = Math.max(1, Math.ceil(visible.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = visible.slice(current * pageSize, (current + 1) * pageSize);
  const onSort = (key: SortKey, numeric: boolean) => {
    setSort((s) => (s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: numeric ? "desc" : "asc" }));
    setPage(0);
  };

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
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(0);
            }}
            placeholder="e.g. jane or JANE-7K2Q"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
          />
        </div>
        <p className="text-sm text-slate-500" data-testid="creator-count" aria-live="polite">
          {visible.length === rows.length ? `${rows.length.toLocaleString("en-US")} creators` : `${visible.length.toLocaleString("en-US")} of ${rows.length.toLocaleString("en-US")} creators`}
        </p>
      </div>
      <ScrollRegion label="Creators in this campaign" className="-mx-5">
        <table className="min-w-full text-sm" data-testid="creator-results">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : "none"} className={`whitespace-nowrap px-3 py-2 font-medium first:pl-5 last:pr-5 ${c.numeric ? "text-right" : ""}`}>
                  <button type="button" onClick={() => onSort(c.key, c.numeric)} className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
                    {c.label}
                    <span aria-hidden="true" className="w-2 text-[10px]">{sort.key === c.key ? (sort.dir === "asc" ? "▲" : "▼") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((r) => (
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
            {shown.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="px-5 py-8 text-center text-sm text-slate-500">
                  No creator matches “{filter}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
      <nav aria-label="Creator table pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <label className="flex items-center gap-2 text-slate-600">
          Rows per page
          <select value={pageSize} onChange={(e) => { setPageSize(Number(e.target.value)); setPage(0); }} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
        <div className="flex items-center gap-2">
          <span className="tabular-nums text-slate-600" data-testid="creator-page">
            {visible.length === 0 ? "0" : `${current * pageSize + 1}–${Math.min(visible.length, (current + 1) * pageSize)}`} of {visible.length.toLocaleString("en-US")}
          </span>
          <button type="button" onClick={() => setPage(current - 1)} disabled={current === 0} className="rounded-md border border-slate-300 px-2.5 py-1 disabled:opacity-40">
            Previous
          </button>
          <button type="button" onClick={() => setPage(current + 1)} disabled={current >= pages - 1} className="rounded-md border border-slate-300 px-2.5 py-1 disabled:opacity-40">
            Next
          </button>
        </div>
      </nav>
    </div>
  );
}
