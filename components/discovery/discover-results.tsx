"use client";

import { useState } from "react";
import { CreatorCard } from "./creator-card";
import type { DiscoverCampaign, DiscoverCard } from "./discovery-card";
import { ProfileDrawer } from "./profile-drawer";

/** Result cards, the profile drawer, unlocking and the one-click add to a campaign. */
export function DiscoverResults({
  slug,
  creators,
  campaigns,
  canAddToCampaign,
  audiencePlace,
  words,
}: {
  slug: string;
  creators: DiscoverCard[];
  campaigns: DiscoverCampaign[];
  canAddToCampaign: boolean;
  /** The audience filter, so each card shows that place's share. */
  audiencePlace?: { name: string; kind?: string | undefined } | undefined;
  /** The free-text search's words, highlighted as the fields they matched. */
  words?: string[] | undefined;
}) {
  const [emails, setEmails] = useState<Record<string, string>>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const open = creators.find((c) => c.id === openId) ?? null;
  const emailOf = (c: DiscoverCard) => c.email ?? emails[c.id] ?? null;

  return (
    <>
      <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="discover-results">
        {creators.map((c) => (
          <CreatorCard key={c.id} creator={c} email={emailOf(c)} audiencePlace={audiencePlace} words={words} onOpen={() => setOpenId(c.id)} />
        ))}
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
