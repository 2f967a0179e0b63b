"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { ActionForm, fieldErrors } from "@/components/portal/action-form";
import { buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { CopyableValue } from "@/components/ui/copy-button";
import { ConfirmSubmitButton } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useFormPending } from "@/components/ui/use-action-form";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { eventTypeField, ZWebhookEndpointForm } from "@/lib/webhook-endpoints/schemas";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

const EVENT_TYPE_HINTS: Record<(typeof EVENT_TYPES)[number], string> = {
  "conversion.created": "A sale was credited to a creator",
  "conversion.status_changed": "Approved, denied or paid",
  "conversion.refunded": "A refund reversed commission",
  "conversion.adjusted": "Reconciliation corrected a sale",
  "payout.created": "A payout was drafted",
  "payout.paid": "A payout was marked paid",
  "payout.item_failed": "A creator's transfer failed",
  "creator.added": "A creator joined the roster",
  "campaign.ended": "A campaign reached its end date",
};

/** A secondary submit button that says it is working while its form is pending. */
function PendingButton({ children, pendingText, variant = "secondary", className = "" }: { children: string; pendingText: string; variant?: "secondary" | "primary"; className?: string }) {
  const pending = useFormPending();
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass(variant, `px-3 py-1.5 text-xs ${className}`)}>
      {pending ? pendingText : children}
    </button>
  );
}

function SecretBox({ secret, children }: { secret: string; children?: ReactNode }) {
  return (
    <Alert tone="success">
      {children}
      <CopyableValue value={secret} label="Copy secret" testId="signing-secret" />
    </Alert>
  );
}

export function AddWebhookEndpointForm({ action, workspace, production }: { action: Action<{ id: string; url: string; secret: string }>; workspace: string; production: boolean }) {
  return (
    <ActionForm
      action={action}
      workspace={workspace}
      label="Add an endpoint"
      schema={ZWebhookEndpointForm}
      success={(d) => (
        <SecretBox secret={d.secret}>
          <p>
            Endpoint <strong className="break-all">{d.url}</strong> added: it receives the events written from now on.{" "}
            <Link className="underline" href={`/brand/${workspace}/developers/webhooks/${d.id}`}>
              Open it
            </Link>{" "}
            to send a test event. Its signing secret:
          </p>
        </SecretBox>
      )}
    >
      {(state) => (
        <>
          <TextField
            label="Endpoint URL"
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://example.com/webhooks/tally"
            required
            errors={fieldErrors(state, "url")}
            hint={production ? "https only, on a public address." : "Development: http to localhost is allowed too."}
          />
          <TextField label="Description (optional)" name="description" placeholder="e.g. Finance sync" errors={fieldErrors(state, "description")} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Events to send</legend>
            <p className="text-xs text-slate-500">None ticked: every type, including types added later.</p>
            <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {EVENT_TYPES.map((t) => (
                <label key={t} className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm">
                  <input type="checkbox" name={eventTypeField(t)} className="mt-0.5" />
                  <span>
                    <span className="block font-mono text-xs text-slate-900">{t}</span>
                    <span className="block text-xs text-slate-500">{EVENT_TYPE_HINTS[t]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <SubmitButton className="" pendingText="Adding…">
            Add endpoint
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function SigningSecretPanel({
  workspace,
  endpointId,
  reveal,
  rotate,
}: {
  workspace: string;
  endpointId: string;
  reveal: Action<{ secret: string }>;
  rotate: Action<{ secret: string; previousValidUntil: string | null }>;
}) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      <ActionForm action={reveal} workspace={workspace} label="Reveal the signing secret" className="min-w-0 flex-1 space-y-2" resetOnSuccess={false} success={(d) => <SecretBox secret={d.secret} />}>
        {() => (
          <>
            <input type="hidden" name="endpointId" value={endpointId} />
            <PendingButton pendingText="Revealing…">Reveal secret</PendingButton>
          </>
        )}
      </ActionForm>
      <ActionForm
        action={rotate}
        workspace={workspace}
        label="Rotate the signing secret"
        className="min-w-0 flex-1 space-y-2"
        success={(d) => (
          <SecretBox secret={d.secret}>
            <p>
              New secret in use. The previous one also signs until {d.previousValidUntil ? new Date(d.previousValidUntil).toUTCString() : "24 h from now"}: switch your receiver before then.
            </p>
          </SecretBox>
        )}
      >
        {() => (
          <>
            <input type="hidden" name="endpointId" value={endpointId} />
            <ConfirmSubmitButton
              className={buttonClass("secondary", "px-3 py-1.5 text-xs")}
              title="Rotate the signing secret?"
              body="A new secret signs every delivery from now on. The current one keeps signing too for 24 hours, so your receiver can switch without missing an event."
              confirmLabel="Rotate secret"
            >
              Rotate secret
            </ConfirmSubmitButton>
          </>
        )}
      </ActionForm>
    </div>
  );
}

/** One button bound to an action on one endpoint (send a test event, re-send failed ones, turn on or off). */
function EndpointActionButton<T>({
  action,
  workspace,
  endpointId,
  label,
  formLabel = label,
  pendingText,
  fields = {},
  success,
  primary = false,
}: {
  action: Action<T>;
  workspace: string;
  endpointId: string;
  label: string;
  /** The form's accessible name, where several forms on a page share a button label. */
  formLabel?: string;
  pendingText: string;
  fields?: Record<string, string>;
  success?: (data: T) => ReactNode;
  primary?: boolean;
}) {
  return (
    <ActionForm action={action} workspace={workspace} label={formLabel} className="space-y-2" success={success}>
      {() => (
        <>
          <input type="hidden" name="endpointId" value={endpointId} />
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <PendingButton pendingText={pendingText} variant={primary ? "primary" : "secondary"}>
            {label}
          </PendingButton>
        </>
      )}
    </ActionForm>
  );
}

type EndpointButton<T> = { action: Action<T>; workspace: string; endpointId: string };

export function SendTestEventButton(props: EndpointButton<{ deliveryId: string }>) {
  return <EndpointActionButton {...props} label="Send test event" pendingText="Sending…" primary success={() => <Alert tone="success">Test event queued: it appears below.</Alert>} />;
}

export function ResendFailedButton(props: EndpointButton<{ resent: number }>) {
  return (
    <EndpointActionButton
      {...props}
      label="Re-send all failed"
      pendingText="Re-sending…"
      success={(d) => <Alert tone="success">{d.resent === 0 ? "No failed deliveries to re-send." : d.resent === 1 ? "1 failed delivery sent again." : `${d.resent} failed deliveries sent again.`}</Alert>}
    />
  );
}

export function ResendDeliveryButton(props: EndpointButton<{ deliveryId: string }> & { deliveryId: string }) {
  const { deliveryId, ...rest } = props;
  return <EndpointActionButton {...rest} fields={{ deliveryId }} label="Re-send" formLabel={`Re-send delivery ${deliveryId}`} pendingText="Re-sending…" />;
}

/** Disable an enabled endpoint, or turn a disabled one back on. */
export function EndpointStatusButton(props: EndpointButton<{ status: "enabled" | "disabled" }> & { enabled: boolean }) {
  const { enabled, ...rest } = props;
  return (
    <EndpointActionButton
      {...rest}
      fields={{ status: enabled ? "disabled" : "enabled" }}
      label={enabled ? "Disable" : "Turn back on"}
      pendingText={enabled ? "Disabling…" : "Turning on…"}
      primary={!enabled}
    />
  );
}

export function DeleteEndpointButton({ action, workspace, endpointId, url }: { action: Action<{ deleted: string }>; workspace: string; endpointId: string; url: string }) {
  const router = useRouter();
  return (
    <ActionForm
      action={async (prev: ActionState<{ deleted: string }>, form: FormData) => {
        const result = await action(prev, form);
        if (result?.ok) router.push(`/brand/${workspace}/developers/webhooks`);
        return result;
      }}
      workspace={workspace}
      label="Delete the endpoint"
      className="space-y-2"
    >
      {() => (
        <>
          <input type="hidden" name="endpointId" value={endpointId} />
          <ConfirmSubmitButton
            className={buttonClass("danger", "px-3 py-1.5 text-xs")}
            title="Delete this endpoint?"
            body={
              <>
                <span className="break-all">{url}</span> receives nothing more and its delivery history is removed. Events stay in GET /api/v1/events.
              </>
            }
            confirmLabel="Delete endpoint"
          >
            Delete
          </ConfirmSubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/** Refreshes the server-rendered page every 3 s while something is still on its way (a delivery pending or being retried). */
export function RefreshWhile({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
