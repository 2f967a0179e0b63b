"use client";

import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { ActionForm, fieldErrors } from "./action-form";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/** The brand's own storefront domains, one per line: campaign landing pages may point there. */
export function DeclaredDomainsForm({ action, workspace, domains, shopDomain }: { action: Action<{ domains: string[] }>; workspace: string; domains: string[]; shopDomain: string | null }) {
  return (
    <ActionForm action={action} workspace={workspace} resetOnSuccess={false} label="Storefront domains" success={() => <Alert tone="success">Saved.</Alert>}>
      {(state) => {
        const errors = fieldErrors(state, "domains");
        return (
          <div className="space-y-3">
            <div className="space-y-1">
              <label htmlFor="field-domains" className="block text-sm font-medium text-slate-700">
                Domains, one per line
              </label>
              <textarea
                id="field-domains"
                name="domains"
                rows={3}
                defaultValue={domains.join("\n")}
                placeholder={"glowskincare.com\nshop.glowskincare.com"}
                aria-invalid={errors?.length ? true : undefined}
                aria-describedby="field-domains-help"
                className="block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 aria-[invalid=true]:border-red-400"
              />
              {errors?.length ? (
                <p id="field-domains-help" className="text-sm text-red-600">
                  {errors.join(" ")}
                </p>
              ) : (
                <p id="field-domains-help" className="text-xs text-slate-500">
                  A domain also covers its subdomains. {shopDomain ? <>Pages of {shopDomain} are always allowed.</> : null}
                </p>
              )}
            </div>
            <SubmitButton className="" pendingText="Saving…">
              Save domains
            </SubmitButton>
          </div>
        );
      }}
    </ActionForm>
  );
}
