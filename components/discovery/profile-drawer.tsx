"use client";

import { useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { useDialogFocus } from "@/components/ui/dialog";
import { formatPercent } from "@/components/ui/format";
import { AudienceBreakdown } from "./audience-breakdown";
import { initials, PLATFORM, type DrawerContactProps } from "./discovery-card";
import { DrawerContact } from "./drawer-contact";

/** A creator's full profile in a side drawer: audience, contact (unlock), and adding them to a campaign. */
export function ProfileDrawer({ onClose, ...contact }: DrawerContactProps & { onClose: () => void }) {
  const c = contact.creator;
  // Focus on Close when it opens, Tab kept inside, Escape closes, focus back on the card's button after.
  const drawerRef = useRef<HTMLElement>(null);
  useDialogFocus(drawerRef, onClose);

  return (
    <div className="fixed inset-0 z-40 flex justify-end">
      <button type="button" aria-label="Close profile" tabIndex={-1} className="absolute inset-0 bg-slate-900/30" onClick={onClose} />
      <aside
        ref={drawerRef}
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
          <button data-autofocus type="button" onClick={onClose} className={buttonClass("ghost", "px-2 py-1")} aria-label="Close">
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

          <DrawerContact {...contact} />

          <AudienceBreakdown audience={c.audience} />
        </div>
      </aside>
    </div>
  );
}
