"use client";

import { useMemo, useState, useSyncExternalStore } from "react";
import type { ActionState } from "@/lib/action-state";
import { DEFAULT_CODE_TEMPLATE } from "@/lib/codes/constants";
import { sequenceRandom } from "@/lib/codes/random";
import { renderCode } from "@/lib/codes/render-code";
import { validateTemplate } from "@/lib/codes/validate-template";
import { SubmitButton } from "@/components/auth/forms";
import { ActionForm, fieldErrors } from "@/components/portal/action-form";
import { SelectField, TextField } from "@/components/ui/field";
import { isValidTimeZone, utcToZonedInput } from "@/lib/campaigns/zoned-time";
import { ZCampaignForm } from "@/lib/campaigns/schemas";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

const ZONES = ["UTC", "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Sao_Paulo", "Europe/London", "Europe/Paris", "Europe/Berlin", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Tokyo", "Australia/Sydney"];

const subscribeNever = () => () => {};

/** The browser's own zone (only read after hydration: the server does not know it). */
function browserTimeZone(): string | null {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && isValidTimeZone(zone) ? zone : null;
  } catch {
    return null;
  }
}

/**
 * New campaign: dates in the campaign's zone (the store's, from Shopify, else the browser's), the
 * customer's discount, the commission, and a code template with a live preview. The server renders
 * the same defaults as the first client render (`now` and the zone come from the server), so the page
 * hydrates cleanly in any browser zone; without a store zone the browser's is applied after mount.
 */
export function CampaignForm({
  action,
  workspace,
  currency,
  shopTimeZone,
  now: nowIso,
}: {
  action: Action<{ id: string }>;
  workspace: string;
  currency: string;
  shopTimeZone: string | null;
  now: string;
}) {
  // The browser's zone: null while hydrating (the server's render), then the browser's own.
  const browserZone = useSyncExternalStore(subscribeNever, browserTimeZone, () => null);
  const initialZone = shopTimeZone ?? browserZone ?? "UTC";
  const [chosenZone, setZone] = useState<string | null>(null);
  const zone = chosenZone ?? initialZone;
  const zones = [...new Set([initialZone, ...(browserZone ? [browserZone] : []), ...ZONES])];
  const now = useMemo(() => new Date(nowIso), [nowIso]);
  const [template, setTemplate] = useState(DEFAULT_CODE_TEMPLATE);
  const [discountType, setDiscountType] = useState<"percentage" | "fixed_amount">("percentage");
  const preview = useMemo(() => {
    const v = validateTemplate(template || DEFAULT_CODE_TEMPLATE);
    if (!v.ok) return { ok: false as const, text: v.errors.join(" ") };
    const random = sequenceRandom("7K2Q", "X9PD");
    return {
      ok: true as const,
      text: ["Zoë Ångström|zoe.glows", "Sam O'Neil|samoneil"]
        .map((s) => {
          const [fullName, handle] = s.split("|") as [string, string];
          return renderCode(v.value, { fullName, handle }, random);
        })
        .join(" · "),
    };
  }, [template]);
  return (
    <ActionForm action={action} workspace={workspace} label="New campaign" resetOnSuccess={false} schema={ZCampaignForm}>
      {(state) => (
        <>
          <TextField label="Campaign name" name="name" required placeholder="Summer Glow 2027" errors={fieldErrors(state, "name")} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField key={`s-${initialZone}`} label="Starts" name="starts_at" type="datetime-local" required defaultValue={utcToZonedInput(now, initialZone)} errors={fieldErrors(state, "starts_at")} hint={`In ${zone}.`} />
            <TextField
              key={`e-${initialZone}`}
              label="Ends"
              name="ends_at"
              type="datetime-local"
              defaultValue={utcToZonedInput(new Date(now.getTime() + 30 * 86_400_000), initialZone)}
              errors={fieldErrors(state, "ends_at")}
              hint={`In ${zone}. Codes stop working at this moment, in Shopify too.`}
            />
            <SelectField
              label="Time zone"
              name="timezone"
              value={zone}
              onChange={(e) => setZone(e.target.value)}
              errors={fieldErrors(state, "timezone")}
              hint={shopTimeZone === zone ? "Your store's time zone in Shopify." : undefined}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </SelectField>
          </div>
          <fieldset className="grid gap-4 sm:grid-cols-3">
            <legend className="sr-only">Customer discount and commission</legend>
            <SelectField label="Customer discount" name="discount_type" value={discountType} onChange={(e) => setDiscountType(e.target.value as "percentage" | "fixed_amount")}>
              <option value="percentage">Percentage off</option>
              <option value="fixed_amount">Fixed amount off ({currency})</option>
            </SelectField>
            <TextField
              label={discountType === "percentage" ? "Discount (%)" : `Discount (${currency})`}
              name="discount_value"
              inputMode="decimal"
              required
              defaultValue={discountType === "percentage" ? "10" : "5.00"}
              key={discountType}
              errors={fieldErrors(state, "discount_value")}
            />
            <TextField label="Creator commission (%)" name="commission_percent" inputMode="decimal" required defaultValue="15" errors={fieldErrors(state, "commission_percent")} hint="Of the order's subtotal after discounts, without shipping and tax." />
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <TextField
                label="Code template"
                name="code_template"
                value={template}
                onChange={(e) => setTemplate(e.target.value)}
                errors={fieldErrors(state, "code_template")}
                hint="{full_name}, {first_name}, {handle}, {random_number} (4 random characters)."
              />
              {/* The live preview; once a submit put the template's message beside the field, not twice. */}
              {(preview.ok || !fieldErrors(state, "code_template")) && (
                <p className={`mt-1 text-xs ${preview.ok ? "text-slate-600" : "text-red-600"}`} aria-live="polite" data-testid="template-preview">
                  {preview.ok ? <>Example codes: <span className="font-mono">{preview.text}</span></> : preview.text}
                </p>
              )}
            </div>
            <TextField label="Landing page (optional)" name="landing_url" type="url" placeholder="https://your-store.com/collections/summer" errors={fieldErrors(state, "landing_url")} hint="Where referral links send visitors: an https page of your store or of a domain declared in Settings. Your store's home page otherwise." />
            <div>
              <input type="hidden" name="apply_code_from_links_shown" value="1" />
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="apply_code_from_links" defaultChecked className="mt-0.5 h-4 w-4 rounded border-slate-300" />
                <span>
                  Apply the creator&apos;s code from their link
                  <span className="block text-xs text-slate-600">Links go through your store&apos;s shareable discount URL, so the discount applies itself. Ended or deactivated codes are never applied.</span>
                </span>
              </label>
            </div>
          </div>
          <SubmitButton className="" pendingText="Creating…">
            Create campaign
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
