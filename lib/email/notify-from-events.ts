import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { formatMoney as money } from "@/lib/attribution/format";
import { appUrl } from "@/lib/env";
import { sequenceEvents } from "@/lib/events/sequence-events";
import { queueEmail } from "./queue-email";
import { creatorContact, workspaceAdmins } from "./recipients";
import { renderNotice, type Notice } from "./render-notice";

const BATCH = 500;

type EventRow = { id: string; workspace_id: string; type: string; data: Record<string, unknown>; position: string };

/**
 * Notification emails from the event feed: what the outbox says happened (written in the same
 * transaction as the change) is what people hear about, once each. Reads the events after the
 * notifier's cursor in position order (a position is only ever given to a committed event, above
 * every earlier one, so nothing is passed over), queues one email job per notification with the
 * event as its cause (sendEmail sends a (recipient, kind, cause) once), and moves the cursor in the
 * same transaction. One notifier at a time (the cursor row's lock; another one skips).
 * Returns how many emails it queued.
 */
export async function notifyFromEvents(db: Db): Promise<number> {
  await sequenceEvents(db);
  let queued = 0;
  for (;;) {
    const { scanned, emails } = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const [cursor] = await queryRows<{ position: string }>(tx, sql`SELECT position::text FROM email_notifier_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED`);
      if (!cursor) return { scanned: 0, emails: 0 };
      const rows = await queryRows<EventRow>(
        tx,
        sql`SELECT id, workspace_id, type, data, position::text FROM events WHERE position > ${cursor.position}::bigint ORDER BY position LIMIT ${BATCH}`,
      );
      if (rows.length === 0) return { scanned: 0, emails: 0 };
      let emails = 0;
      for (const e of rows) {
        for (const notice of await noticesFor(tx, e)) {
          await queueEmail(await renderNotice(notice, { cause: `event:${e.id}`, workspaceId: e.workspace_id }));
          emails++;
        }
      }
      await tx.execute(sql`UPDATE email_notifier_cursor SET position = ${rows[rows.length - 1]!.position}::bigint WHERE id = 1`);
      return { scanned: rows.length, emails };
    });
    queued += emails;
    if (scanned < BATCH) return queued;
  }
}

type ConversionData = {
  creator_id?: string;
  status?: string;
  commission_amount?: number;
  pending_commission?: number;
  net_commission?: number;
  order_amount?: number;
  currency?: string;
  order_name?: string;
  refund?: { commission?: number; amount?: number };
};
type PayoutData = { label?: string; status?: string; currency?: string; total?: number; items_count?: number; reference?: string | null; items?: { creator_id: string; amount: number; status: string; reference: string | null }[] };

/** The notifications one event causes (none for most). */
async function noticesFor(db: Db, e: EventRow): Promise<Notice[]> {
  const ws = e.workspace_id;
  if (e.type === "conversion.created" || e.type === "conversion.refunded") {
    const d = e.data as ConversionData;
    if (!d.creator_id || !d.currency) return [];
    const who = await creatorContact(db, { creatorId: d.creator_id, workspaceId: ws });
    if (!who) return [];
    const order = d.order_name ?? "";
    const earnings = { href: `${appUrl()}/creator/earnings`, label: "See your earnings" };
    if (e.type === "conversion.created") {
      // A sale that earns the creator something: not a denied (self-referral) or test order.
      const awaitingPayment = d.status === "pending";
      const commission = awaitingPayment ? (d.pending_commission ?? 0) : (d.commission_amount ?? 0);
      if ((d.status !== "approved" && !awaitingPayment) || commission <= 0) return [];
      return [
        {
          to: who.email,
          kind: "sale-credited",
          brand: who.brand,
          subject: `New sale for ${who.brand}: ${money(commission, d.currency)} commission (${order})`,
          body: {
            preview: `${money(commission, d.currency)} commission on ${who.brand} order ${order}`,
            heading: `You made a sale for ${who.brand}`,
            greeting: `Hi ${who.name},`,
            paragraphs: [
              `Order ${order} (${money(d.order_amount ?? 0, d.currency)}) was credited to you: ${money(commission, d.currency)} commission.` +
                (awaitingPayment ? " The customer has not paid yet: it counts once they do." : " It is held for the brand's return window, then paid out."),
            ],
            button: earnings,
          },
        },
      ];
    }
    const reversed = d.refund?.commission ?? 0;
    if (reversed <= 0) return [];
    return [
      {
        to: who.email,
        kind: "commission-reversed",
        brand: who.brand,
        subject: `A refund on ${who.brand} order ${order} reversed ${money(reversed, d.currency)} of commission`,
        body: {
          preview: `${money(reversed, d.currency)} commission reversed on order ${order}`,
          heading: `A customer returned part of order ${order}`,
          greeting: `Hi ${who.name},`,
          paragraphs: [
            `${who.brand} refunded ${money(d.refund?.amount ?? 0, d.currency)} on order ${order}, so ${money(reversed, d.currency)} of your commission on it is reversed.`,
            `Your commission on this order is now ${money(d.net_commission ?? 0, d.currency)}. If it was already paid, the difference comes off your next payout.`,
          ],
          button: earnings,
        },
      },
    ];
  }
  if (e.type === "payout.paid") {
    const d = e.data as PayoutData;
    if (!d.currency) return [];
    const notices: Notice[] = [];
    for (const item of d.items ?? []) {
      if (item.status !== "paid" || item.amount <= 0) continue;
      const who = await creatorContact(db, { creatorId: item.creator_id, workspaceId: ws });
      if (!who) continue;
      notices.push({
        to: who.email,
        kind: "payout-sent",
        brand: who.brand,
        subject: `${who.brand} paid you ${money(item.amount, d.currency)}`,
        body: {
          preview: `Payout of ${money(item.amount, d.currency)} sent`,
          heading: `${who.brand} sent your payout`,
          greeting: `Hi ${who.name},`,
          paragraphs: [
            `${money(item.amount, d.currency)} of commission was paid to you${item.reference ?? d.reference ? ` (reference ${item.reference ?? d.reference})` : ""}.`,
            "Each order it pays is listed in your earnings.",
          ],
          button: { href: `${appUrl()}/creator/earnings`, label: "See what it paid" },
        },
      });
    }
    return notices;
  }
  if (e.type === "payout.created") {
    const d = e.data as PayoutData;
    if (d.status !== "draft" || !d.currency || (d.total ?? 0) <= 0) return [];
    const admins = await workspaceAdmins(db, ws);
    return admins.map((a) => ({
      to: a.email,
      kind: "payout-ready" as const,
      brand: a.brand,
      subject: `Payout ${d.label ?? ""} is ready to review: ${money(d.total ?? 0, d.currency!)} to ${d.items_count ?? 0} creators`,
      body: {
        preview: `${money(d.total ?? 0, d.currency!)} to ${d.items_count ?? 0} creators`,
        heading: `Payout ${d.label ?? ""} is ready to review`,
        paragraphs: [
          `It pays ${money(d.total ?? 0, d.currency!)} of commission past its return window to ${d.items_count ?? 0} creators. Check it, pay the creators, then mark it paid: each creator is emailed when it is.`,
        ],
        button: { href: `${appUrl()}/brand/${a.slug}/payouts/${String((e.data as { id?: string }).id ?? "")}`, label: "Review the payout" },
      },
    }));
  }
  return [];
}
