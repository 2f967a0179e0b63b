"use client";

import type { ActionState } from "@/lib/action-state";
import { Button } from "@/components/ui/button";
import { useFormPending } from "@/components/ui/use-action-form";
import { ActionForm } from "@/components/portal/action-form";

type Action = (prev: ActionState<{ applyCodeFromLinks: boolean }>, formData: FormData) => Promise<ActionState<{ applyCodeFromLinks: boolean }>>;

/** Switches whether a campaign's referral links apply the creator's code (Shopify's shareable discount URL). */
export function ApplyCodeToggle({ workspace, campaignId, on, action }: { workspace: string; campaignId: string; on: boolean; action: Action }) {
  return (
    <ActionForm action={action} workspace={workspace} label="Codes from links" className="mt-2" resetOnSuccess={false}>
      {() => (
        <>
          <input type="hidden" name="campaignId" value={campaignId} />
          <input type="hidden" name="apply" value={on ? "off" : "on"} />
          <ToggleButton label={on ? "Stop applying the code from links" : "Apply the code from links"} />
        </>
      )}
    </ActionForm>
  );
}

function ToggleButton({ label }: { label: string }) {
  const pending = useFormPending();
  return (
    <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending} className="px-2.5 py-1 text-xs">
      {pending ? "Saving…" : label}
    </Button>
  );
}
