import type { ReactNode } from "react";
import { ScrollRegion } from "./scroll-region";

export type Column = { label: ReactNode; align?: "left" | "right"; srOnly?: boolean };

/** Columns of figures, right-aligned. */
export const rightAligned = (...labels: string[]): Column[] => labels.map((label) => ({ label, align: "right" }));


const VARIANTS = {
  /** Inside a Card: bleeds to the card's edges, no frame of its own. */
  card: { wrapper: "-mx-5", head: "text-left text-xs uppercase tracking-wide text-slate-500", cell: "px-5" },
  /** On its own on a page: framed, with a tinted header row. */
  panel: { wrapper: "rounded-lg border border-slate-200 bg-white", head: "bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500", cell: "px-4" },
} as const;

/**
 * The portals' table: a horizontally scrolling frame (a named, focusable region: see ScrollRegion),
 * a header row from `columns` (scope="col", right-aligned where numbers are), and `children` as the
 * body rows. `label` names the table for screen readers ("Conversions", "Order lines").
 */
export function DataTable({
  label,
  columns,
  variant = "card",
  testId,
  className = "",
  children,
}: {
  label: string;
  columns: Column[];
  variant?: keyof typeof VARIANTS;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  const v = VARIANTS[variant];
  return (
    <ScrollRegion label={label} className={v.wrapper}>
      <table className={`min-w-full text-sm ${className}`} data-testid={testId}>
        <thead className={v.head}>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={`${v.cell} py-2 font-medium ${c.align === "right" ? "text-right" : ""}`}>
                {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * A header row for a plain lined table (the creator portal's earnings tables): small caps labels,
 * a rule below, numbers right-aligned.
 */
export function LinedTableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
        {columns.map((c, i) => (
          <th key={i} scope="col" className={`py-2 pr-4 font-medium last:pr-0 ${c.align === "right" ? "text-right" : ""}`}>
            {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
