import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import { advanceConversionReview } from "./advance-conversion-review";
import { getReviewRunOrThrow, listSkippedReviewItems } from "./get-review-run";
import { INLINE_REVIEW_LIMIT, reviewConversions } from "./review-conversions";
import { startConversionReview } from "./start-conversion-review";

/**
 * Bulk approve/deny on real Postgres: every decision goes through changeConversionStatus (a
 * status_change ledger entry when the commission moves, an audit row with the reason), each
 * conversion is decided once however often a run is advanced, and a workspace only ever touches
 * its own conversions.
 */
let db: Db;
let client: postgres.Sql;
let brand: Awaited<ReturnType<typeof createTestBrand>>;
let campaignId: string;
let otherIds: string[];

const statusOf = async (ids: string[]) =>
  Object.fromEntries((await client<{ id: string; status: string }[]>`select id, status from conversions where id = any(${ids})`).map((r) => [r.id, r.status]));
const statusEntries = async (ids: string[]) => (await client<{ n: number }[]>`select count(*)::int as n from ledger_entries where conversion_id = any(${ids}) and kind = 'status_change'`)[0]!.n;
const statusEvents = async (ids: string[]) =>
  client<{ subject_id: string; status: string; previous_status: string }[]>`select subject_id, data->>'status' as status, data->>'previous_status' as previous_status from events where type = 'conversion.status_changed' and subject_id = any(${ids}) order by subject_id`;
const netCommission = async (ids: string[]) => Number((await client<{ s: string }[]>`select coalesce(sum(commission_cents - refunded_commission_cents), 0) as s from conversions where id = any(${ids})`)[0]!.s);

beforeAll(async () => {
  db = await getDb();
  client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 2 });
  const other = await createTestBrand(db);
  await seedCampaign(client, { workspaceId: other.workspace.id, prefix: `o${uniq()}`, creators: 3, orders: 20, days: 5, trigger: true });
  otherIds = (await client<{ id: string }[]>`select id from conversions where workspace_id = ${other.workspace.id}`).map((r) => r.id);
  brand = await createTestBrand(db);
  const seeded = await seedCampaign(client, { workspaceId: brand.workspace.id, prefix: `r${uniq()}`, creators: 10, orders: 400, days: 30, trigger: true });
  campaignId = seeded.campaignId;
  // Fixture: the rules flagged every 3rd approved order (a status; the ledger already holds its sale).
  await client`update conversions set status = 'flagged' where campaign_id = ${campaignId} and status = 'approved' and shopify_order_id % 3 = 0`;
}, 120_000);

const actor = () => ({ kind: "user" as const, id: brand.user.id });

describe("bulk review of conversions", () => {
  it("denies a hand-picked selection with a reason: ledger entries, audit rows, counts; a second run changes nothing", async () => {
    const ids = (await client<{ id: string }[]>`select id from conversions where campaign_id = ${campaignId} and status = 'flagged' order by id limit 3`).map((r) => r.id);
    const before = await netCommission(ids);
    expect(before).toBeGreaterThan(0);
    const run = await reviewConversions(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "denied", reason: "same household as the creator", conversionIds: ids, timeZone: "UTC" });
    expect(run).toMatchObject({ status: "completed", total: 3, done: 3, changed: 3, unchanged: 0, skipped: 0 });
    expect(Object.values(await statusOf(ids))).toEqual(["denied", "denied", "denied"]);
    expect(await netCommission(ids)).toBe(0);
    expect(await statusEntries(ids)).toBe(3);
    const audits = await client<{ action: string; reason: string }[]>`select action, data->>'reason' as reason from audit_log where workspace_id = ${brand.workspace.id} and target_id = any(${ids})`;
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.action === "conversion.denied" && a.reason === "same household as the creator")).toBe(true);
    const [runAudit] = await client`select data from audit_log where target_id = ${run.id}`;
    expect(runAudit!.data).toMatchObject({ total: 3, reason: "same household as the creator" });

    // Advancing a finished run again, or deciding the same again, moves nothing.
    expect((await advanceConversionReview(db, { runId: run.id })).run).toMatchObject({ done: 3, changed: 3 });
    const again = await reviewConversions(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "denied", reason: "again", conversionIds: ids, timeZone: "UTC" });
    expect(again).toMatchObject({ total: 3, changed: 0, unchanged: 3 });
    expect(await statusEntries(ids)).toBe(3);
    // Each change told the brand's systems once, like a single change (conversion.status_changed, in its transaction); the unchanged ones told nothing.
    expect(await statusEvents(ids)).toEqual([...ids].sort().map((id) => ({ subject_id: id, status: "denied", previous_status: "flagged" })));
  });

  it("approves all matching a filter, skipping what cannot be decided and saying why", async () => {
    const [pending] = await client<{ id: string }[]>`update conversions set status = 'pending' where id = (select id from conversions where campaign_id = ${campaignId} and status = 'flagged' order by id desc limit 1) returning id`;
    // A flagged queue of one creator: the fixture's pending one is put in it too.
    const [{ creator_id: creator } = { creator_id: "" }] = await client<{ creator_id: string }[]>`select creator_id from conversions where id = ${pending!.id}`;
    await client`update conversions set status = 'flagged' where id = ${pending!.id}`;
    const flagged = (await client<{ id: string }[]>`select id from conversions where creator_id = ${creator} and status = 'flagged'`).map((r) => r.id);
    await client`update conversions set status = 'pending' where id = ${pending!.id}`;
    const matching = flagged.filter((id) => id !== pending!.id);
    expect(matching.length).toBeGreaterThan(2);
    const run = await reviewConversions(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "approved", matching: { status: "flagged", creator }, timeZone: "UTC" });
    expect(run).toMatchObject({ status: "completed", total: matching.length, changed: matching.length });
    expect(new Set(Object.values(await statusOf(matching)))).toEqual(new Set(["approved"]));
    // Approving a flagged sale keeps its commission: no ledger movement, but the status change is an event all the same.
    expect(await statusEntries(matching)).toBe(0);
    expect(await statusEvents(matching)).toEqual([...matching].sort().map((id) => ({ subject_id: id, status: "approved", previous_status: "flagged" })));
    // Hand-picked with the pending one: skipped, with the reason.
    const picked = await reviewConversions(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "denied", reason: "checking", conversionIds: [pending!.id], timeZone: "UTC" });
    expect(picked).toMatchObject({ total: 1, skipped: 1, changed: 0 });
    const skipped = await listSkippedReviewItems(db, { workspaceId: brand.workspace.id, runId: picked.id });
    expect(skipped[0]!.message).toMatch(/awaiting payment/);
    expect((await statusOf([pending!.id]))[pending!.id]).toBe("pending");
  });

  it("a big selection runs as a job; a run cut short and resumed decides each conversion once", async () => {
    const all = (await client<{ id: string }[]>`select id from conversions where campaign_id = ${campaignId} and status = 'approved' order by id`).map((r) => r.id);
    expect(all.length).toBeGreaterThan(INLINE_REVIEW_LIMIT + 50);
    // Resumable: a run advanced in short steps (each stops after its first batch) ends the same.
    const run = await startConversionReview(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "denied", reason: "programme closed", matching: { campaign: campaignId, status: "approved" }, timeZone: "UTC" });
    expect(run.total).toBe(all.length);
    let step = await advanceConversionReview(db, { runId: run.id, budgetMs: 0 });
    expect(step.done).toBe(false);
    expect(step.run.done).toBeGreaterThan(0);
    expect(step.run.done).toBeLessThan(all.length);
    while (!step.done) step = await advanceConversionReview(db, { runId: run.id, budgetMs: 0 });
    expect(step.run).toMatchObject({ status: "completed", done: all.length, changed: all.length });
    expect(await statusEntries(all)).toBe(all.length);
    expect(await netCommission(all)).toBe(0);

    // The same set approved again, as a background job (more than the inline limit).
    const queued = await reviewConversions(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "approved", matching: { campaign: campaignId, status: "denied" }, timeZone: "UTC" });
    expect(queued.total).toBeGreaterThan(INLINE_REVIEW_LIMIT);
    await expect.poll(async () => (await getReviewRunOrThrow(db, { workspaceId: brand.workspace.id, runId: queued.id })).status, { timeout: 60_000 }).toBe("completed");
    const finished = await getReviewRunOrThrow(db, { workspaceId: brand.workspace.id, runId: queued.id });
    expect(finished.done).toBe(finished.total);
    expect(finished.changed).toBe(finished.total);
    expect(new Set(Object.values(await statusOf(all)))).toEqual(new Set(["approved"]));
    expect(await statusEntries(all)).toBe(2 * all.length);
  });

  it("never touches another workspace's conversions; denying needs a reason", async () => {
    const mine = (await client<{ id: string }[]>`select id from conversions where campaign_id = ${campaignId} order by id limit 1`).map((r) => r.id);
    const run = await reviewConversions(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "approved", conversionIds: [...mine, ...otherIds.slice(0, 5)], timeZone: "UTC" });
    expect(run.total).toBe(1);
    await expect(reviewConversions(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "denied", reason: "x", conversionIds: otherIds.slice(0, 5), timeZone: "UTC" })).rejects.toMatchObject({ code: "validation_failed" });
    expect(new Set(Object.values(await statusOf(otherIds)))).not.toContain("denied");
    await expect(reviewConversions(db, { workspaceId: brand.workspace.id, actor: actor(), decision: "denied", reason: "  ", conversionIds: mine, timeZone: "UTC" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(getReviewRunOrThrow(db, { workspaceId: otherIds.length ? "ws_other" : "", runId: run.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
