import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payoutRuns, payouts } from "@/db/schema";
import { CODES, DAY, orderPayload, payoutsSetup, refusal } from "@/test/payouts";
import { createPayout } from "./create-payout";
import { getPayoutRunOrThrow, getRunningPayoutRun, performPayoutRun, startPayoutRun, type PayoutRun } from "./payout-runs";

let nextId = 8_300_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
const orderId = () => nextId++;

describe("payout runs in the background", () => {
  it("reports its progress creator by creator, and is done with its payout in the payout's transaction", async () => {
    const s = await payoutsSetup();
    for (const code of CODES) await s.send("orders/create", orderPayload(orderId(), code, new Date(Date.now() - 45 * DAY)));
    const queued: PayoutRun[] = [];
    const run = await startPayoutRun(s.db, { workspaceId: s.workspaceId, currency: "usd", actor: s.actor }, async (r) => void queued.push(r));
    expect(queued.map((r) => r.id)).toEqual([run.id]);
    expect(await getPayoutRunOrThrow(s.db, { workspaceId: s.workspaceId, runId: run.id })).toMatchObject({ status: "running", creatorsDone: 0, currency: "USD" });
    expect((await getRunningPayoutRun(s.db, s.workspaceId))?.id).toBe(run.id);

    // a second start in that currency, from the portal or the API, is a 409 while it runs
    const again = await refusal(startPayoutRun(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor }, async () => {}));
    expect([again.status, again.message]).toEqual([409, "A payout run in USD is already in progress: wait for it to finish."]);
    expect((await refusal(createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor }))).status).toBe(409);

    const done = await performPayoutRun(s.db, run.id);
    expect(done).toMatchObject({ status: "done", creatorsTotal: 2, creatorsDone: 2 });
    const [payout] = await s.db.select().from(payouts).where(eq(payouts.workspaceId, s.workspaceId));
    expect(done!.payoutId).toBe(payout!.id);
    expect(await getPayoutRunOrThrow(s.db, { workspaceId: s.workspaceId, runId: run.id })).toMatchObject({ status: "done", payoutLabel: "P-0001", creatorsDone: 2 });
    expect(await getRunningPayoutRun(s.db, s.workspaceId)).toBeNull();
    // running it again (a retried job) changes nothing
    expect((await performPayoutRun(s.db, run.id))?.payoutId).toBe(payout!.id);
    expect(await s.db.select().from(payouts).where(eq(payouts.workspaceId, s.workspaceId))).toHaveLength(1);

    // progress as each batch of creators is stamped (a batch of one here: two reports after the zero)
    const seen: [number, number][] = [];
    const s2 = await payoutsSetup();
    for (const code of CODES) await s2.send("orders/create", orderPayload(orderId(), code, new Date(Date.now() - 45 * DAY)));
    await createPayout(s2.db, { workspaceId: s2.workspaceId, currency: "USD", actor: s2.actor, batchSize: 1, onProgress: (d, t) => void seen.push([d, t]) });
    expect(seen).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it("a run with nothing to pay fails with the reason; a run whose process died is failed and another can start", async () => {
    const s = await payoutsSetup();
    const run = await startPayoutRun(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor }, async () => {});
    expect(await performPayoutRun(s.db, run.id)).toMatchObject({ status: "failed", error: "Nothing to pay in USD: no creator has a payable balance above zero at the cutoff.", payoutId: null });

    const dead = await startPayoutRun(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor }, async () => {});
    await s.db.update(payoutRuns).set({ updatedAt: sql`now() - interval '3 minutes'` }).where(eq(payoutRuns.id, dead.id));
    const next = await startPayoutRun(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor }, async () => {});
    expect(await getPayoutRunOrThrow(s.db, { workspaceId: s.workspaceId, runId: dead.id })).toMatchObject({ status: "failed", error: expect.stringContaining("nothing was paid") });
    expect(next.status).toBe("running");
  });

  it("bad input is refused before anything runs; another workspace's run is not found", async () => {
    const s = await payoutsSetup();
    const other = await payoutsSetup();
    const none = async () => {
      throw new Error("must not be queued");
    };
    expect((await refusal(startPayoutRun(s.db, { workspaceId: s.workspaceId, currency: "XYZ", actor: s.actor }, none))).status).toBe(422);
    expect((await refusal(startPayoutRun(s.db, { workspaceId: s.workspaceId, currency: "USD", minimumAmountCents: -1, actor: s.actor }, none))).status).toBe(422);
    expect((await refusal(startPayoutRun(s.db, { workspaceId: s.workspaceId, currency: "USD", cutoff: new Date(Date.now() + DAY), actor: s.actor }, none))).status).toBe(422);
    expect(await s.db.select().from(payoutRuns).where(eq(payoutRuns.workspaceId, s.workspaceId))).toEqual([]);
    const run = await startPayoutRun(s.db, { workspaceId: other.workspaceId, currency: "USD", actor: other.actor }, async () => {});
    expect((await refusal(getPayoutRunOrThrow(s.db, { workspaceId: s.workspaceId, runId: run.id }))).status).toBe(404);
  });
});
