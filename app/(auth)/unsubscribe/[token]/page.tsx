import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UnsubscribeForm } from "@/components/email/unsubscribe-form";
import { readUnsubscribeToken, UNSUBSCRIBABLE_KINDS } from "@/lib/email/unsubscribe";
import { unsubscribeAction } from "../actions";

export const metadata: Metadata = { title: "Unsubscribe" };

/**
 * The page behind each notification's unsubscribe link. Opening it changes nothing (mail scanners
 * open links); the button records it. A forged or damaged token is a 404.
 */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const target = readUnsubscribeToken(decodeURIComponent(token));
  if (!target) notFound();
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Unsubscribe</h1>
      <p className="mb-6 text-sm text-slate-600">
        Stop emails to <strong className="break-all">{target.email}</strong> about {UNSUBSCRIBABLE_KINDS[target.kind]}? Other emails (invitations, payouts you are owed) still arrive.
      </p>
      <UnsubscribeForm action={unsubscribeAction} token={decodeURIComponent(token)} />
    </>
  );
}
