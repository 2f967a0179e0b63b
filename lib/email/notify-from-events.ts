import { createElement } from "react";
import { render } from "@react-email/components";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { appUrl } from "@/lib/env";
import { sequenceEvents } from "@/lib/events/sequence-events";
import { currencyExponent } from "@/lib/money";
import { queueEmail } from "./queue-email";
import type { OutgoingEmail } from "./send-email";
import { SaleCreditedEmail } from "./templates/sale-credited";
import { unsubscribeUrl } from "./unsubscribe";

const BATCH = 500;

type EventRow = { id: string; workspace_id: string; type: string; data: Record<string, unknown>; position: string };

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(minor / 10 ** currencyExponent(currency));

async function rendered(element: React.ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

/**
 * The creators' notification emails, from the event feed: what the outbox says happened (written
 * in the same transaction as the change) is what creators hear about, once each. Reads the events
 * after the notifier's cursor in position order (a position is only ever given to a committed event,
 * above every earlier one, so nothing is passed over), queues one email job per notification with
 * the event as its cause (sendEmail sends a (recipient, kind, cause) once), and moves the cursor in
 * the same transaction. One notifier at a time (the cursor row's lock; another one skips).
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
        for (const email of await emailsFor(tx, e)) {
          await queueEmail(email);
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

/** The emails one event causes (none for most). */
async function emailsFor(db: Db, e: EventRow): Promise<OutgoingEmail[]> {
  if (e.type !== "conversion.created") return [];
  const d = e.data as { creator_id?: string; status?: string; commission_amount?: number; pending_commission?: number; order_amount?: number; currency?: string; order_name?: string };
  // A sale that earns the creator something: not a denied (self-referral) or test order.
  const awaitingPayment = d.status === "pending";
  const commission = awaitingPayment ? (d.pending_commission ?? 0) : (d.commission_amount ?? 0);
  if (!d.creator_id || !d.currency || (d.status !== "approved" && !awaitingPayment) || commission <= 0) return [];
  const [who] = await queryRows<{ email: string; full_name: string; brand: string }>(
    db,
    sql`SELECT c.email, c.full_name, w.name AS brand FROM creators c JOIN workspaces w ON w.id = ${e.workspace_id} WHERE c.id = ${d.creator_id}`,
  );
  if (!who) return [];
  const kind = "sale-credited";
  const unsubscribe = unsubscribeUrl(who.email, kind);
  const orderName = d.order_name ?? "";
  const { html, text } = await rendered(
    createElement(SaleCreditedEmail, {
      creatorName: who.full_name,
      brandName: who.brand,
      orderName,
      commission: money(commission, d.currency),
      orderAmount: money(d.order_amount ?? 0, d.currency),
      awaitingPayment,
      earningsUrl: `${appUrl()}/creator/earnings`,
      unsubscribeUrl: unsubscribe,
    }),
  );
  return [
    {
      to: who.email,
      kind,
      cause: `event:${e.id}`,
      workspaceId: e.workspace_id,
      fromName: who.brand,
      subject: `New sale for ${who.brand}: ${money(commission, d.currency)} commission (${orderName})`,
      text,
      html,
      unsubscribeUrl: unsubscribe,
    },
  ];
}
