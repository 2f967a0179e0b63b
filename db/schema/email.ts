import { bigint, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { workspaces } from "./workspaces";

/**
 * Every notification email Tally sent or is sending (lib/email/send-email.ts), one per (recipient,
 * kind, cause): the cause is what it is about (`event:evt_…`), so a retried job or a second
 * dispatcher never sends the same message twice. `status` 'sending' is a claim (a run that died
 * mid-send is claimed again after `claimed_at` + 2 min); 'sent' is final.
 */
export const emailMessages = pgTable(
  "email_messages",
  {
    id: id("email"),
    workspaceId: text().references(() => workspaces.id, { onDelete: "cascade" }),
    /** Lower-cased address. */
    recipient: text().notNull(),
    kind: text().notNull(),
    cause: text().notNull(),
    status: text({ enum: ["sending", "sent"] }).notNull().default("sending"),
    claimedAt: tstz().notNull().defaultNow(),
    sentAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_messages_recipient_kind_cause_key").on(t.recipient, t.kind, t.cause)],
);

/** A recipient who asked for no more emails of one kind (the signed link in each such email). */
export const emailUnsubscribes = pgTable(
  "email_unsubscribes",
  {
    /** Lower-cased address. */
    email: text().notNull(),
    kind: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.email, t.kind] })],
);

/** How far the notifier has read the event feed (one row): events after `position` are still to be mailed about. */
export const emailNotifierCursor = pgTable("email_notifier_cursor", {
  id: integer().primaryKey(),
  position: bigint({ mode: "number" }).notNull().default(0),
});
