import type { Metadata } from "next";
import { connection } from "next/server";
import { notFound } from "next/navigation";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn } from "@/components/ui/format";
import { listMailbox } from "@/lib/email/dev-mailbox";
import { isProduction } from "@/lib/env";

export const metadata: Metadata = { title: "Development mailbox" };

/**
 * Development only (404 in production): the messages Tally would have sent, from `.data/mail/`
 * (no SMTP_URL set), newest first, as a mail client reads them.
 */
export default async function DevMailPage() {
  await connection();
  if (isProduction() || process.env.SMTP_URL) notFound();
  const messages = await listMailbox({ limit: 100 });
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <PageHeader title="Development mailbox" description="Emails written to .data/mail/ because no SMTP_URL is set: newest first, the last 100." />
      {messages.length === 0 ? (
        <EmptyState title="No emails yet">Invite a creator, reset a password or place an order with a creator&apos;s code: the emails appear here.</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Emails">
          {messages.map((m) => (
            <li key={m.file} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-medium text-slate-900">{m.subject}</span> <Badge>{m.kind}</Badge>
                  <span className="block text-xs text-slate-500">
                    {m.from} → {m.to} · {formatDateTimeIn(m.date, "UTC")}
                  </span>
                </summary>
                <pre className="mt-3 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs text-slate-800">{m.text}</pre>
                <p className="mt-2 text-xs text-slate-500">
                  {m.html ? "Has an HTML part too" : "Plain text only"} · {m.file}
                </p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
