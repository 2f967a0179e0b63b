"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

export type QuotaJson = { plan: string; allowance: number; used: number; remaining: number; cycle_start: string; cycle_end: string };

export const quotaQueryKey = (slug: string) => ["discovery-quota", slug] as const;

/** Polled often enough to be right within 30 s of a cycle rollover (the route recomputes it every time). */
export const QUOTA_REFETCH_MS = 10_000;

export function useUnlockQuota(slug: string, initial?: QuotaJson) {
  return useQuery({
    queryKey: quotaQueryKey(slug),
    queryFn: async (): Promise<QuotaJson> => {
      const res = await fetch(`/api/brand/${slug}/discovery/quota`, { cache: "no-store" });
      if (!res.ok) throw new Error(`quota ${res.status}`);
      return (await res.json()) as QuotaJson;
    },
    initialData: initial,
    refetchInterval: QUOTA_REFETCH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

/** The header's "Unlocks used / allowance" for the current billing cycle. */
export function UnlockCounter({ slug, initial }: { slug: string; initial: QuotaJson }) {
  const { data } = useUnlockQuota(slug, initial);
  const q = data ?? initial;
  const resets = new Date(q.cycle_end).toLocaleDateString(undefined, { month: "short", day: "numeric" });
  const full = q.used >= q.allowance;
  return (
    <Link
      href={`/brand/${slug}/discover`}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border px-2.5 py-1 text-xs font-medium ${
        full ? "border-amber-300 bg-amber-50 text-amber-800" : "border-slate-200 bg-slate-50 text-slate-700"
      }`}
      title={`Email unlocks used this billing cycle (${q.plan} plan). The allowance renews on ${resets}.`}
    >
      <span className="hidden sm:inline">Unlocks</span>
      <span data-testid="unlock-counter" aria-label={`${q.used} of ${q.allowance} email unlocks used`}>
        {q.used} / {q.allowance}
      </span>
    </Link>
  );
}
