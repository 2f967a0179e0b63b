"use client";

import { useState } from "react";
import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { ConfirmSubmitButton } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { ActionForm, fieldErrors } from "./action-form";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/**
 * The store-domain field's `pattern`. Browsers compile it with the `v` flag, where a bare "-" in a
 * character class is a syntax error (Chromium then ignores the pattern and says so in the console):
 * the hyphen is escaped. Anchors are implicit.
 */
export const SHOP_DOMAIN_PATTERN = "[a-zA-Z0-9][a-zA-Z0-9\\-]*\\.myshopify\\.com";

/** Connect a store: Shopify's OAuth install (the usual way), or a custom app's Admin API token. */
export function ShopifyConnect({ workspace, customAppAction }: { workspace: string; customAppAction: Action<{ domain: string }> }) {
  const [mode, setMode] = useState<"oauth" | "custom">("oauth");
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="How to connect" className="inline-flex rounded-md border border-slate-200 bg-slate-50 p-0.5 text-sm">
        {(
          [
            ["oauth", "Install the Tally app"],
            ["custom", "Custom app token"],
          ] as const
        ).map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={mode === value}
            onClick={() => setMode(value)}
            className="rounded px-3 py-1.5 text-slate-600 aria-selected:bg-white aria-selected:font-medium aria-selected:text-slate-900 aria-selected:shadow-sm"
          >
            {label}
          </button>
        ))}
      </div>
      {mode === "oauth" ? (
        <form method="get" action="/api/shopify/install" className="flex flex-wrap items-end gap-3" aria-label="Install the Tally app">
          <input type="hidden" name="workspace" value={workspace} />
          <div className="min-w-64 flex-1">
            <TextField label="Store domain" name="shop" placeholder="your-store.myshopify.com" required pattern={SHOP_DOMAIN_PATTERN} hint="You approve Tally's access in Shopify and come back here." />
          </div>
          <button type="submit" className={buttonClass("primary", "mb-5")}>
            Connect with Shopify
          </button>
        </form>
      ) : (
        <ActionForm action={customAppAction} workspace={workspace} label="Connect with a custom app token" resetOnSuccess={false}>
          {(state) => (
            <>
              <div className="grid gap-4 sm:grid-cols-2">
                <TextField label="Store domain" name="shop" placeholder="your-store.myshopify.com" required errors={fieldErrors(state, "shop")} />
                <TextField label="Admin API access token" name="accessToken" type="password" autoComplete="off" required errors={fieldErrors(state, "accessToken")} hint="Scopes: read_orders, read_all_orders, write_discounts." />
                <TextField label="Webhook signing secret" name="webhookSecret" type="password" autoComplete="off" errors={fieldErrors(state, "webhookSecret")} hint="The custom app's API secret key; leave empty to use Tally's app secret." />
              </div>
              <SubmitButton className="" pendingText="Connecting…">
                Connect store
              </SubmitButton>
            </>
          )}
        </ActionForm>
      )}
    </div>
  );
}

export function ConnectResult({ connected, error }: { connected?: string | undefined; error?: string | undefined }) {
  if (connected) return <Alert tone="success">Your store is connected. Tally now receives its orders and refunds.</Alert>;
  if (error) return <Alert>Connecting the store did not complete ({error}). Nothing was changed; try again.</Alert>;
  return null;
}

export function DisconnectShopButton({ action, workspace, domain }: { action: Action<{ domain: string }>; workspace: string; domain: string }) {
  return (
    <ActionForm action={action} workspace={workspace} className="inline" label="Disconnect store">
      {() => (
        <ConfirmSubmitButton
          className={buttonClass("danger", "px-2.5 py-1 text-xs")}
          title={`Disconnect ${domain}?`}
          body="Tally keeps its data but stops receiving orders until you reconnect the store."
          confirmLabel="Disconnect store"
        >
          Disconnect
        </ConfirmSubmitButton>
      )}
    </ActionForm>
  );
}
