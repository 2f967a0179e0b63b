import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { formatPercent } from "@/components/ui/format";
import { initials, PLATFORM, type DiscoverCard } from "./discovery-card";
import { MATCHED_FIELD_LABEL, matchedFields } from "./matched-fields";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();

/** The audience place a card shows: the one searched for, else the biggest audience city. */
function shownPlace(c: DiscoverCard, wanted: { name: string; kind?: string | undefined } | undefined) {
  if (wanted) {
    const match = c.audience.locations
      .filter((l) => fold(l.name) === fold(wanted.name) && (!wanted.kind || l.kind === wanted.kind))
      .sort((a, b) => b.share_bps - a.share_bps)[0];
    if (match) return match;
  }
  return [...c.audience.locations].filter((l) => l.kind === "city").sort((a, b) => b.share_bps - a.share_bps)[0];
}

/** One result card: who, reach, the audience share of the searched place, the email if unlocked. */
export function CreatorCard({
  creator: c,
  email,
  audiencePlace,
  words = [],
  onOpen,
}: {
  creator: DiscoverCard;
  email: string | null;
  audiencePlace: { name: string; kind?: string | undefined } | undefined;
  /** The free-text search's words: the card says which fields they matched. */
  words?: string[];
  onOpen: () => void;
}) {
  const place = shownPlace(c, audiencePlace);
  const matched = matchedFields(c, words);
  return (
    <li className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="creator-card">
      <div className="flex items-start gap-3">
        <div aria-hidden="true" className="flex h-11 w-11 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700">
          {initials(c.displayName)}
        </div>
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold text-slate-900">{c.displayName}</h2>
          <p className="truncate text-sm text-slate-500">@{c.handle}</p>
        </div>
        <div className="flex shrink-0 flex-wrap justify-end gap-1">
          {c.platforms.map((p) => (
            <Badge key={p} tone="violet">
              {PLATFORM[p]}
            </Badge>
          ))}
        </div>
      </div>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-center">
        <div className="rounded-md bg-slate-50 px-1 py-2">
          <dt className="text-xs text-slate-500">Followers</dt>
          <dd className="font-semibold tabular-nums text-slate-900">{compact.format(c.followers)}</dd>
        </div>
        <div className="rounded-md bg-slate-50 px-1 py-2">
          <dt className="text-xs text-slate-500">Engagement</dt>
          <dd className="font-semibold tabular-nums text-slate-900">{formatPercent(c.engagementRateBps)}</dd>
        </div>
        <div className="min-w-0 rounded-md bg-slate-50 px-1 py-2" title={place ? `${formatPercent(place.share_bps)} of the audience is in ${place.name}` : undefined}>
          <dt className="truncate text-xs text-slate-500">{place ? `In ${place.name}` : "Audience"}</dt>
          <dd className="font-semibold tabular-nums text-slate-900" data-testid="card-place-share">
            {place ? formatPercent(place.share_bps) : "—"}
          </dd>
        </div>
      </dl>
      <p className="mt-3 truncate text-sm text-slate-600">
        {[c.city, c.country].filter(Boolean).join(", ")} · {c.niches.join(", ")}
      </p>
      {matched.length > 0 && (
        <p className="mt-2 flex flex-wrap items-center gap-1 text-xs text-slate-600" data-testid="card-matched">
          Matched in
          {matched.map((f) => (
            <mark key={f} className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">
              {MATCHED_FIELD_LABEL[f]}
            </mark>
          ))}
        </p>
      )}
      <div className="mt-3 flex items-center justify-between gap-2 border-t border-slate-100 pt-3">
        {email ? (
          <span className="truncate text-sm font-medium text-emerald-700" data-testid="card-email">
            {email}
          </span>
        ) : (
          <span className="text-sm text-slate-500">Email locked</span>
        )}
        <Button variant="secondary" className="shrink-0 px-2.5 py-1.5" onClick={onOpen} aria-label={`View profile of ${c.displayName}`}>
          View profile
        </Button>
      </div>
    </li>
  );
}
