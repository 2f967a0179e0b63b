"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";
import { addDiscoveredCreatorAction, unlockCreatorAction } from "@/app/brand/[workspace]/discover/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { DrawerContactProps } from "./discovery-card";
import { quotaQueryKey, type QuotaJson } from "./unlock-counter";

/** The drawer's contact part: the email once unlocked (else the unlock button), and adding the creator to a campaign. */
export function DrawerContact({ slug, creator: c, email, campaigns, canAddToCampaign, onUnlocked }: DrawerContactProps) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [campaignId, setCampaignId] = useState(campaigns[0]?.id ?? "");

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

  return (
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

  );
}
