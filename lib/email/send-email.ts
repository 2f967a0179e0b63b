import path from "node:path";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailMessages } from "@/db/schema";
import { createId } from "@/lib/ids";
import { logInfo } from "@/lib/log";
import { transmit } from "./transport";
import { isUnsubscribed, oneClickUnsubscribeUrl } from "./unsubscribe";

/**
 * Outgoing email, through lib/email/transport.ts (SMTP with `SMTP_URL`, else the development
 * mailbox `.data/mail/`). The server log only says which message (by id) and, for the mailbox,
 * which file — never the address, the link or a token.
 *
 * A message with a `cause` is a notification: sent at most once per (recipient, kind, cause) (a
 * unique index in email_messages; a retried job finds it sent and stops), and not at all to a
 * recipient who unsubscribed from its kind (its `unsubscribeUrl` is in the footer and in the
 * List-Unsubscribe header). `fromName` is the sender's display name: the brand's name.
 */
export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  link?: string;
  kind: string;
  fromName?: string;
  cause?: string;
  workspaceId?: string;
  unsubscribeUrl?: string;
};
export type SentEmail = OutgoingEmail & { id: string; file: string | null };

const FROM_ADDRESS = "no-reply@tally.invalid";
/** A claim older than this belongs to a run that died mid-send: it may be sent again. */
const CLAIM_MINUTES = 2;

const sent: SentEmail[] = [];

/** Claims (recipient, kind, cause); null when it was sent already or another run is sending it now. */
async function claim(email: OutgoingEmail & { cause: string }, id: string): Promise<string | null> {
  const db = await getDb();
  const recipient = email.to.trim().toLowerCase();
  const [fresh] = await db
    .insert(emailMessages)
    .values({ id, recipient, kind: email.kind, cause: email.cause, workspaceId: email.workspaceId ?? null })
    .onConflictDoNothing()
    .returning({ id: emailMessages.id });
  if (fresh) return fresh.id;
  const [stale] = await db
    .update(emailMessages)
    .set({ claimedAt: new Date() })
    .where(
      and(
        eq(emailMessages.recipient, recipient),
        eq(emailMessages.kind, email.kind),
        eq(emailMessages.cause, email.cause),
        eq(emailMessages.status, "sending"),
        lt(emailMessages.claimedAt, sql`now() - make_interval(mins => ${CLAIM_MINUTES})`),
      ),
    )
    .returning({ id: emailMessages.id });
  return stale?.id ?? null;
}

/** Sends one message; null when nothing was sent (already sent for this cause, or unsubscribed). */
export async function sendEmail(email: OutgoingEmail): Promise<SentEmail | null> {
  const at = new Date();
  let id = createId("email", at.getTime());
  if (email.unsubscribeUrl && (await isUnsubscribed(await getDb(), { email: email.to, kind: email.kind }))) {
    logInfo("email not sent: the recipient unsubscribed from this kind", { kind: email.kind });
    return null;
  }
  if (email.cause) {
    const claimed = await claim({ ...email, cause: email.cause }, id);
    if (!claimed) return null;
    id = claimed;
  }
  const file = await transmit(
    {
      messageId: `<${id}@tally.invalid>`,
      from: { name: email.fromName ?? "Tally", address: FROM_ADDRESS },
      to: email.to,
      subject: email.subject,
      text: email.text,
      ...(email.html ? { html: email.html } : {}),
      date: at,
      headers: {
        "X-Tally-Kind": email.kind,
        ...(email.unsubscribeUrl ? { "List-Unsubscribe": `<${oneClickUnsubscribeUrl(email.unsubscribeUrl)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
      },
    },
    // Ids sort by time, so the mailbox lists oldest first.
    `${id}.${email.kind}.eml`,
  );
  if (email.cause) await (await getDb()).update(emailMessages).set({ status: "sent", sentAt: new Date() }).where(eq(emailMessages.id, id));
  const record: SentEmail = { ...email, id, file };
  sent.push(record);
  if (sent.length > 100) sent.shift();
  if (file) logInfo("email written to the development mailbox", { kind: email.kind, message: id, file: path.relative(process.cwd(), file) });
  else logInfo("email sent over SMTP", { kind: email.kind, message: id });
  return record;
}

/** The last messages sent by this process (tests read links from here). */
export function sentEmails(): readonly SentEmail[] {
  return sent;
}
