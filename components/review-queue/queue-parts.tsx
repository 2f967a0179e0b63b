import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { ResetFormOnHistory } from "./reset-form-on-history";

/**
 * The parts the brand's review queues (conversions, orders) share: the filter form, the totals of
 * the filtered set per currency, the pager with the CSV export, and the out-of-date link notice.
 * Every part reads and writes the URL: the query string is the queue's state.
 */

export type QueueFilterValues = Record<"status" | "campaign" | "creator" | "code" | "order" | "from" | "to", string | undefined>;

export function QueueFilterForm({
  id,
  action,
  label,
  raw,
  fieldErrors,
  statuses,
  campaigns,
  creators,
  timeZone,
  filtered,
}: {
  /** The form's id (back/forward resets it to the URL's filters). */
  id: string;
  /** The page's path: the form submits to it with GET. */
  action: string;
  label: string;
  raw: QueueFilterValues;
  fieldErrors: Partial<Record<string, string[]>>;
  statuses: { value: string; label: string }[];
  campaigns: { id: string; name: string }[];
  creators: { id: string; fullName: string }[];
  timeZone: string;
  filtered: boolean;
}) {
  const input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const field = (name: string, fieldLabel: string, control: ReactNode, hint?: string) => (
    <div className="min-w-0">
      <label htmlFor={`f-${name}`} className="block text-xs font-medium text-slate-700">{fieldLabel}</label>
      {control}
      {hint && <p id={`f-${name}-hint`} className="mt-0.5 text-xs text-slate-600">{hint}</p>}
      {fieldErrors[name]?.map((m) => (
        <p key={m} id={`f-${name}-error`} className="mt-0.5 text-xs text-red-700">{m}</p>
      ))}
    </div>
  );
  const described = (name: string, hint?: boolean) => {
    const ids = [hint ? `f-${name}-hint` : "", fieldErrors[name] ? `f-${name}-error` : ""].filter(Boolean).join(" ");
    return { "aria-describedby": ids || undefined, "aria-invalid": fieldErrors[name] ? true : undefined } as const;
  };
  const select = (name: "status" | "campaign" | "creator", fieldLabel: string, anyLabel: string, options: { value: string; label: string }[]) =>
    field(
      name,
      fieldLabel,
      <select id={`f-${name}`} name={name} defaultValue={raw[name] ?? ""} className={input} {...described(name)}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>,
    );
  return (
    // Keyed by the URL's filters: a link to other filters (client-side navigation) shows them, not the old defaults.
    <form key={JSON.stringify(raw)} id={id} method="get" autoComplete="off" action={action} className="mb-4 grid grid-cols-2 items-start gap-3 sm:grid-cols-4 lg:grid-cols-8" role="search" aria-label={label}>
      {select("status", "Status", "Any status", statuses)}
      {select("campaign", "Campaign", "All campaigns", campaigns.map((c) => ({ value: c.id, label: c.name })))}
      {select(
        "creator",
        "Creator",
        "All creators",
        [
          // A creator picked from a link who is not in the list (e.g. removed from every campaign) stays chosen.
          ...(raw.creator && !creators.some((c) => c.id === raw.creator) ? [{ value: raw.creator, label: "The chosen creator" }] : []),
          ...creators.map((c) => ({ value: c.id, label: c.fullName })),
        ],
      )}
      {field("code", "Code", <input id="f-code" name="code" defaultValue={raw.code ?? ""} placeholder="JANE10" className={input} {...described("code")} />)}
      {field("order", "Order", <input id="f-order" name="order" defaultValue={raw.order ?? ""} placeholder="#1042" className={input} {...described("order")} />)}
      {field("from", "Placed from", <input id="f-from" name="from" type="date" defaultValue={raw.from ?? ""} className={input} {...described("from", true)} />, `Dates in ${timeZone}`)}
      {field("to", "Placed to", <input id="f-to" name="to" type="date" defaultValue={raw.to ?? ""} className={input} {...described("to", true)} />, "Inclusive")}
      <div className="flex items-end gap-3 self-end pb-0.5">
        <button type="submit" className={buttonClass("secondary")}>Filter</button>
        {filtered && <Link href={action} className="pb-2 text-sm text-brand-700 underline">Clear</Link>}
      </div>
      <ResetFormOnHistory formId={id} />
    </form>
  );
}

/** The totals of a filtered set, one card per currency (money is never summed across currencies). */
export function QueueTotals({
  label,
  testId,
  totals,
}: {
  /** Names the region: "Totals of the filtered orders". */
  label: string;
  testId: string;
  totals: { currency: string; title: string; figures: { label: string; value: string; tone?: "violet" }[] }[];
}) {
  return (
    <section aria-label={label} data-testid={testId} className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {totals.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing matches.</p>
      ) : (
        totals.map((t) => (
          <div key={t.currency} className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" data-testid={`${testId}-${t.currency}`}>
            <p className="font-semibold text-slate-900">{t.title}</p>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 text-slate-600 [&_dt]:whitespace-nowrap">
              {t.figures.map((f) => (
                <div key={f.label} className="contents">
                  <dt>{f.label}</dt>
                  <dd className={`text-right tabular-nums ${f.tone === "violet" ? "text-violet-700" : "text-slate-900"}`}>{f.value}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))
      )}
    </section>
  );
}

/** "This page link is out of date": a cursor that does not decode. */
export function QueueCursorAlert({ firstPage }: { firstPage: string }) {
  return (
    <Alert>
      This page link is out of date. <Link href={firstPage} className="font-medium underline">Go to the first page</Link>.
    </Alert>
  );
}

/**
 * The pager under a queue: how many are shown of how many, the CSV export of the whole filtered
 * set, and first/next page links that keep the filters.
 */
export function QueuePager({
  shown,
  matching,
  noun,
  order,
  exportHref,
  firstHref,
  nextHref,
}: {
  shown: number;
  matching: number;
  noun: string;
  /** How the list is ordered, e.g. "newest orders first". */
  order: string;
  exportHref: string;
  /** The first page's URL when this is not it. */
  firstHref: string | null;
  nextHref: string | null;
}) {
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <span className="text-slate-600">{shown > 0 && `Showing ${shown.toLocaleString("en-US")} of ${matching.toLocaleString("en-US")} ${noun}, ${order}`}</span>
      <span className="flex flex-wrap gap-3">
        {matching > 0 && (
          <a href={exportHref} className={buttonClass("secondary")} download>
            Export {matching.toLocaleString("en-US")} as CSV
          </a>
        )}
        {firstHref && <Link href={firstHref} className={buttonClass("secondary")}>First page</Link>}
        {nextHref && <Link href={nextHref} className={buttonClass("secondary")} rel="next">Next page</Link>}
      </span>
    </nav>
  );
}
