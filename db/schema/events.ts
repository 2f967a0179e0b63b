import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id } from "./columns";
import { workspaces } from "./workspaces";

/**
 * The outbox: one row per outbound fact (`conversion.refunded`, `payout.paid`, …), written in the
 * same transaction as the change that causes it (lib/events/record-event.ts), so an event exists
 * exactly when its change committed. Never deleted; written once, then given its `position` once.
 *
 * Order: `position`, given after commit by the sequencer (lib/events/sequence-events.ts), one batch at
 * a time under the `event_positions` row lock. Numbers taken at insert (`seq`) are not an order a
 * reader can page by: transactions commit in another order than they take numbers, so a reader
 * paging by `seq` could pass an event whose transaction commits later. A position is only ever given
 * to a committed event and always above every position given before, so a client that replays from
 * the last event it saw never misses one. Events without a position yet are not shown.
 *
 * `source_key` is the cause (`ledger:{entry id}`, `conversion:{id}:created`, `payout:{id}:paid`):
 * unique per workspace, so a retried change never writes its event twice.
 */
export const events = pgTable(
  "events",
  {
    id: id("event"),
    workspaceId: belongsTo(() => workspaces.id),
    type: text().notNull(),
    sourceKey: text().notNull(),
    /** What the event is about (a conversion, payout, creator or campaign id). */
    subjectId: text().notNull(),
    /** The payload's `data`: the API v1 representation of the subject as the change left it. */
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Insert order, the sequencer's tie-break within one batch. */
    seq: bigint({ mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    /** The feed's order, given once after commit (null until then). */
    position: bigint({ mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [
    // a cause writes one event, ever
    uniqueIndex("events_workspace_source_key").on(t.workspaceId, t.sourceKey),
    // GET /api/v1/events and the dispatcher: WHERE workspace_id = $1 AND position > $2 ORDER BY position
    uniqueIndex("events_workspace_position_key").on(t.workspaceId, t.position),
    // the email notifier, across workspaces: WHERE position > $1 ORDER BY position
    index("events_position_idx").on(t.position),
    // the sequencer: WHERE position IS NULL ORDER BY seq
    index("events_unpositioned_idx").on(t.seq).where(sql`${t.position} IS NULL`),
  ],
);

/** The sequencer's counter: one row; its lock makes batches of positions follow one another. */
export const eventPositions = pgTable("event_positions", {
  id: integer().primaryKey(),
  last: bigint({ mode: "number" }).notNull().default(0),
});
