import { formatPercent } from "@/components/ui/format";
import type { DiscoverCard } from "./discovery-card";

function Bars({ rows }: { rows: { label: string; bps: number }[] }) {
  return (
    <ul className="space-y-1.5">
      {rows.map((r) => (
        <li key={r.label} className="grid grid-cols-[minmax(0,9rem)_1fr_3.5rem] items-center gap-2 text-sm">
          <span className="truncate text-slate-700">{r.label}</span>
          <span className="h-2 rounded-full bg-slate-100">
            <span className="block h-2 rounded-full bg-brand-500" style={{ width: `${Math.min(100, r.bps / 100)}%` }} />
          </span>
          <span className="text-right tabular-nums text-slate-600">{formatPercent(r.bps)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A creator's audience: cities, regions, countries, age and gender, as shares. */
export function AudienceBreakdown({ audience }: { audience: DiscoverCard["audience"] }) {
  const byKind = (kind: "city" | "region" | "country") =>
    audience.locations.filter((l) => l.kind === kind).sort((a, b) => b.share_bps - a.share_bps).map((l) => ({ label: l.name, bps: l.share_bps }));
  return (
    <section aria-labelledby="audience-title" className="space-y-4">
      <h3 id="audience-title" className="text-sm font-semibold text-slate-900">
        Audience
      </h3>
      {(["city", "region", "country"] as const).map((kind) => (
        <div key={kind} className="space-y-1.5">
          <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">{kind === "city" ? "Cities" : kind === "region" ? "Regions" : "Countries"}</h4>
          <Bars rows={byKind(kind)} />
        </div>
      ))}
      <div className="space-y-1.5">
        <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Age</h4>
        <Bars rows={Object.entries(audience.age).map(([label, bps]) => ({ label, bps }))} />
      </div>
      <div className="space-y-1.5">
        <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Gender</h4>
        <Bars rows={Object.entries(audience.gender).map(([label, bps]) => ({ label: label[0]!.toUpperCase() + label.slice(1), bps }))} />
      </div>
    </section>
  );
}
