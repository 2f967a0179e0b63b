"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { addDiscoveredCreatorAction, unlockCreatorAction } from "@/app/brand/[workspace]/discover/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { DiscoveryCreator } from "@/lib/discovery/discovery-creator";
import { formatPercent } from "@/components/ui/format";
import { quotaQueryKey, type QuotaJson } from "./unlock-counter";

export type DiscoverCard = Omit<DiscoveryCreator, "unlockedAt"> & { unlockedAt: string | null };
type Campaign = { id: string; name: string };

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const PLATFORM: Record<string, string> = { instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube" };

function initials(name: string) {
  return name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

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

/** Result cards, the profile drawer, unlocking and the one-click add to a campaign. */
export function DiscoverResults({
  slug,
  creators,
  campaigns,
  canAddToCampaign,
  audiencePlace,
}: {
  slug: string;
  creators: DiscoverCard[];
  campaigns: Campaign[];
  canAddToCampaign: boolean;
  /** The audience filter, so each card shows that place's share. */
  audiencePlace?: { name: string; kind?: string | undefined } | undefined;
}) {
  const [emails, setEmails] = useState<Record<string, string>>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const open = creators.find((c) => c.id === openId) ?? null;
  const emailOf = (c: DiscoverCard) => c.email ?? emails[c.id] ?? null;

  return (
    <>
      <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="discover-results">
        {creators.map((c) => {
          const place = shownPlace(c, audiencePlace);
          const email = emailOf(c);
          return (
            <li key={c.id} className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="creator-card">
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
              <div className="mt-3 flex items-center justify-between gap-2 border-t border-slate-100 pt-3">
                {email ? (
                  <span className="truncate text-sm font-medium text-emerald-700" data-testid="card-email">
                    {email}
                  </span>
                ) : (
                  <span className="text-sm text-slate-500">Email locked</span>
                )}
                <Button variant="secondary" className="shrink-0 px-2.5 py-1.5" onClick={() => setOpenId(c.id)} aria-label={`View profile of ${c.displayName}`}>
                  View profile
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
      {open && (
        <ProfileDrawer
          key={open.id}
          slug={slug}
          creator={open}
          email={emailOf(open)}
          campaigns={campaigns}
          canAddToCampaign={canAddToCampaign}
          onUnlocked={(email) => setEmails((e) => ({ ...e, [open.id]: email }))}
          onClose={() => setOpenId(null)}
        />
      )}
    </>
  );
}

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

function ProfileDrawer({
  slug,
  creator: c,
  email,
  campaigns,
  canAddToCampaign,
  onUnlocked,
  onClose,
}: {
  slug: string;
  creator: DiscoverCard;
  email: string | null;
  campaigns: Campaign[];
  canAddToCampaign: boolean;
  onUnlocked: (email: string) => void;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [campaignId, setCampaignId] = useState(campaigns[0]?.id ?? "");
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    fd.set("workspace", slug);
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  };

  const unlock = () =>
    startTransition(async () => {
      setError(null);
      const res = await unlockCreatorAction(null, form({ profileId: c.id }));
      if (!res) return;
      if (!res.ok) {
        setError(res.error.message);
        await queryClient.invalidateQueries({ queryKey: quotaQueryKey(slug) });
        return;
      }
      onUnlocked(res.data.email);
      queryClient.setQueryData<QuotaJson>(quotaQueryKey(slug), res.data.quota);
    });

  const addToCampaign = () =>
    startTransition(async () => {
      setError(null);
      setAdded(null);
      const res = await addDiscoveredCreatorAction(null, form({ profileId: c.id, campaignId }));
      if (!res) return;
      if (!res.ok) return setError(res.error.message);
      const name = campaigns.find((x) => x.id === campaignId)?.name ?? "the campaign";
      setAdded(res.data.alreadyEnrolled ? `Already in ${name} (code ${res.data.code}).` : `Added to ${name} with the code ${res.data.code}.`);
    });

  const byKind = (kind: "city" | "region" | "country") =>
    c.audience.locations.filter((l) => l.kind === kind).sort((a, b) => b.share_bps - a.share_bps).map((l) => ({ label: l.name, bps: l.share_bps }));

  return (
    <div className="fixed inset-0 z-40 flex justify-end">
      <button type="button" aria-label="Close profile" tabIndex={-1} className="absolute inset-0 bg-slate-900/30" onClick={onClose} />
      <aside
        role="dialog"
        aria-modal="true"
        aria-labelledby="drawer-title"
        className="relative flex h-full w-full max-w-md flex-col overflow-y-auto bg-white shadow-xl"
        data-testid="profile-drawer"
      >
        <header className="sticky top-0 flex items-start gap-3 border-b border-slate-100 bg-white px-5 py-4">
          <div aria-hidden="true" className="flex h-12 w-12 shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700">
            {initials(c.displayName)}
          </div>
          <div className="min-w-0 flex-1">
            <h2 id="drawer-title" className="truncate text-lg font-semibold text-slate-900">
              {c.displayName}
            </h2>
            <p className="truncate text-sm text-slate-500">
              @{c.handle} · {c.platforms.map((p) => PLATFORM[p]).join(", ")}
            </p>
          </div>
          <button ref={closeRef} type="button" onClick={onClose} className={buttonClass("ghost", "px-2 py-1")} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="space-y-6 px-5 py-5">
          <dl className="grid grid-cols-2 gap-3">
            <div className="rounded-md bg-slate-50 p-3">
              <dt className="text-xs text-slate-500">Followers</dt>
              <dd className="text-lg font-semibold tabular-nums">{c.followers.toLocaleString("en-US")}</dd>
            </div>
            <div className="rounded-md bg-slate-50 p-3">
              <dt className="text-xs text-slate-500">Engagement rate</dt>
              <dd className="text-lg font-semibold tabular-nums">{formatPercent(c.engagementRateBps)}</dd>
            </div>
          </dl>
          <section className="space-y-1">
            <p className="text-sm text-slate-700">{c.bio}</p>
            <p className="text-sm text-slate-500">Based in {[c.city, c.region, c.country].filter(Boolean).join(", ")}</p>
            <div className="flex flex-wrap gap-1 pt-1">
              {c.niches.map((n) => (
                <Badge key={n}>{n}</Badge>
              ))}
            </div>
          </section>

          <section aria-labelledby="contact-title" className="space-y-3 rounded-lg border border-slate-200 p-4">
            <h3 id="contact-title" className="text-sm font-semibold text-slate-900">
              Contact
            </h3>
            {email ? (
              <div className="flex items-center justify-between gap-2">
                <a href={`mailto:${email}`} className="truncate text-sm font-medium text-brand-700 underline" data-testid="drawer-email">
                  {email}
                </a>
                <CopyButton value={email} />
              </div>
            ) : (
              <div className="space-y-2">
                <p className="text-sm text-slate-500">The email is hidden until your workspace unlocks it. Unlocking uses one of this month&apos;s unlocks; everyone in your workspace sees it afterwards.</p>
                <Button onClick={unlock} disabled={pending}>
                  {pending ? "Unlocking…" : "Unlock email"}
                </Button>
              </div>
            )}
            {email && canAddToCampaign && (
              campaigns.length ? (
                <div className="flex flex-col gap-2 border-t border-slate-100 pt-3 sm:flex-row sm:items-end">
                  <div className="min-w-0 flex-1 space-y-1">
                    <label htmlFor="drawer-campaign" className="block text-sm font-medium text-slate-700">
                      Campaign
                    </label>
                    <select
                      id="drawer-campaign"
                      value={campaignId}
                      onChange={(e) => setCampaignId(e.target.value)}
                      className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
                    >
                      {campaigns.map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <Button variant="secondary" onClick={addToCampaign} disabled={pending || !campaignId}>
                    Add to campaign
                  </Button>
                </div>
              ) : (
                <p className="border-t border-slate-100 pt-3 text-sm text-slate-500">
                  <Link href={`/brand/${slug}/campaigns/new`} className="text-brand-700 underline">
                    Create a campaign
                  </Link>{" "}
                  to add creators to it.
                </p>
              )
            )}
            {error && <Alert>{error}</Alert>}
            {added && <Alert tone="success">{added}</Alert>}
          </section>

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
              <Bars rows={Object.entries(c.audience.age).map(([label, bps]) => ({ label, bps }))} />
            </div>
            <div className="space-y-1.5">
              <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Gender</h4>
              <Bars rows={Object.entries(c.audience.gender).map(([label, bps]) => ({ label: label[0]!.toUpperCase() + label.slice(1), bps }))} />
            </div>
          </section>
        </div>
      </aside>
    </div>
  );
}
