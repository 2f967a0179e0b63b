import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

const BATCH = 5000;

/**
 * Gives committed events without a position the next positions, in insert order (db/schema/events.ts
 * says why positions are given after commit). One sequencer at a time: the first statement takes the
 * counter's row lock and holds it to commit, so a second one waits and then — its next statement has
 * a fresh snapshot — sees the positions the first gave. Cheap when there is nothing to do (a partial
 * index holds only events without a position). Returns how many it positioned.
 */
export async function sequenceEvents(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`SELECT last FROM event_positions WHERE id = 1 FOR UPDATE`);
      const [row] = await queryRows<{ n: string }>(
        tx,
        sql`
          WITH todo AS (
            SELECT id, row_number() OVER (ORDER BY seq) AS rn FROM events WHERE position IS NULL ORDER BY seq LIMIT ${BATCH}
          ), bump AS (
            UPDATE event_positions SET last = last + (SELECT count(*) FROM todo) WHERE id = 1 RETURNING last
          ), done AS (
            UPDATE events e SET position = bump.last - (SELECT count(*) FROM todo) + todo.rn
            FROM todo, bump WHERE e.id = todo.id AND e.position IS NULL
            RETURNING e.id
          )
          SELECT count(*)::text AS n FROM done`,
      );
      return Number(row?.n ?? 0);
    });
    total += n;
    if (n < BATCH) return total;
  }
}
