import type { ReactNode } from "react";

export type Column = { label: ReactNode; align?: "left" | "right"; srOnly?: boolean };

const VARIANTS = {
  /** Inside a Card: bleeds to the card's edges, no frame of its own. */
  card: { wrapper: "relative -mx-5 overflow-x-auto", head: "text-left text-xs uppercase tracking-wide text-slate-500", cell: "px-5" },
  /** On its own on a page: framed, with a tinted header row. */
  panel: { wrapper: "relative overflow-x-auto rounded-lg border border-slate-200 bg-white", head: "bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500", cell: "px-4" },
} as const;

/**
 * The portals' table: a horizontally scrolling frame, a header row from `columns` (scope="col",
 * right-aligned where numbers are), and `children` as the body rows. The frame is positioned, so
 * that absolutely positioned content (a screen-reader-only label) scrolls with the table instead of
 * widening the page on a phone.
 */
export function DataTable({ columns, variant = "card", testId, className = "", children }: { columns: Column[]; variant?: keyof typeof VARIANTS; testId?: string; className?: string; children: ReactNode }) {
  const v = VARIANTS[variant];
  return (
    <div className={v.wrapper}>
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
    </div>
  );
}
