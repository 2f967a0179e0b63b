/**
 * `npm run bench:payouts -- [--creators 500] [--orders 1000000] [--days 180]`
 * Seeds one campaign with N creators and M attributed orders (~10 % refunded: about 1.06 M ledger
 * entries) into a fresh Postgres database, then times, in-process:
 * - the brand's liability (every creator's pending / payable / in payouts / paid: cached net, the tail inside
 *   the hold, payout items), one creator's balance, and the same balances derived from every entry;
 * - a payout run over all of it (one item per creator, every payable entry stamped with its item);
 * - marking it paid; then a second run right after (nothing new is payable: it must refuse fast);
 * and, as the floor measured in the same run, the bare aggregation any payout needs: the sum of
 * commission per creator over the same ledger (one GROUP BY, no stamping). Checks that the payout's
 * total equals the payable balances and that every entry is stamped once.
 */
import postgres from "postgres";
import { arg, freshDatabase } from "./bench-lib";
import { seedCampaign } from "@/test/dashboard-seed";

const CREATORS = arg("creators", 500);
const ORDERS = arg("orders", 1_000_000);
const DAYS = arg("days", 180);

const database = await freshDatabase("tally_payouts_bench");
process.env.DATABASE_URL = database.url;
process.env.TALLY_BCRYPT_COST = "4";
const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { createPayout } = await import("@/lib/payouts/create-payout");
const { markPayoutPaid } = await import("@/lib/payouts/change-payout");
const { getLiability, getBalances } = await import("@/lib/payouts/get-balances");
const { balancesFromLedger } = await import("@/lib/payouts/balances-from-ledger");
const db = await getDb();
const { workspace, user } = await signUpBrand(db, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench Payouts" });
const sql = postgres(database.url, { onnotice: () => {}, max: 2 });
const actor = { kind: "user" as const, id: user.id };

console.log(`Seeding ${CREATORS} creators and ${ORDERS.toLocaleString("en-US")} orders over ${DAYS} days…`);
const t0 = performance.now();
await seedCampaign(sql, { workspaceId: workspace.id, prefix: "pay", creators: CREATORS, orders: ORDERS, days: DAYS });
await sql`vacuum analyze`;
const [counts] = await sql`select count(*) as entries from ledger_entries where workspace_id = ${workspace.id}`;
console.log(`  loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Number(counts!.entries).toLocaleString("en-US")} ledger entries`);

const time = async <T,>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
};

const [, floorMs] = await time(() => sql`select c.creator_id, sum(e.commission_cents) from ledger_entries e join conversions c on c.id = e.conversion_id where e.workspace_id = ${workspace.id} group by 1`);
// One instant for every figure and the run's cutoff: entries keep becoming payable while the bench runs
// (one every ~15 s of this ledger), so figures taken at different moments need not agree.
const asOf = new Date();
const [liability, liabilityMs] = await time(() => getLiability(db, workspace.id, asOf));
const payable = liability[0]!.payable;
const steps: string[] = [];
const [slowLiability, slowMs] = await time(() => balancesFromLedger(db, { workspaceId: workspace.id }, asOf));
const someCreator = slowLiability[Math.floor(slowLiability.length / 2)]!.creatorId;
const [, oneMs] = await time(() => getBalances(db, { workspaceId: workspace.id, creatorId: someCreator }, asOf));
let progressReports = 0;
const [payout, runMs] = await time(() =>
  createPayout(db, {
    workspaceId: workspace.id,
    currency: "USD",
    cutoff: asOf,
    actor,
    onStep: (name, ms) => steps.push(`${name} ${(ms / 1000).toFixed(2)} s`),
    onProgress: () => void progressReports++,
  }),
);
const [, paidMs] = await time(() => markPayoutPaid(db, { workspaceId: workspace.id, payoutId: payout.id, reference: "BENCH", actor }));
// the same cutoff again: everything payable then is in P-0001, so the run must refuse
const [again, againMs] = await time(() => createPayout(db, { workspaceId: workspace.id, currency: "USD", cutoff: payout.cutoffAt, actor }).then(() => "created", (e: Error) => e.message));

// Checks: the payout paid exactly the payable balances; no entry is stamped twice; balances still add up.
const [stamps] = await sql`select count(*) as n, count(distinct ledger_entry_id) as d from payout_item_entries where workspace_id = ${workspace.id} and released_at is null`;
const balances = await getBalances(db, { workspaceId: workspace.id }, asOf);
const slowAfter = await balancesFromLedger(db, { workspaceId: workspace.id }, asOf);
const same = (a: typeof balances, b: typeof balances) => JSON.stringify(a) === JSON.stringify(b);
const checks = {
  "fast balances = from every entry": same(balances, slowAfter),
  "liability = sum of positive payable": slowLiability.reduce((s, b) => s + Math.max(0, b.payable), 0) === payable,
  "payout total = payable": payout.totalCents === payable,
  "each entry stamped once": Number(stamps!.n) === Number(stamps!.d),
  "stamps = payout entries": Number(stamps!.n) === payout.entriesCount,
  "pending + payable + in payouts + paid = net": balances.every((b) => b.pending + b.payable + b.inPayouts + b.paid === b.net),
  "second run refused": again !== "created",
};
const failed = Object.entries(checks).filter(([, pass]) => !pass).map(([name]) => name);
const ok = failed.length === 0;
if (!ok) console.log(`  failed checks: ${failed.join("; ")}`);
console.log(
  `  balances: all ${liability[0]!.creatorsPayable} creators ${liabilityMs.toFixed(0)} ms, one creator ${oneMs.toFixed(0)} ms (from every entry, as before: ${(slowMs / 1000).toFixed(2)} s); fast = from every entry: ${same(balances, slowAfter) ? "yes" : "NO"}`,
);
console.log(`  payout run (${progressReports} progress reports): ${payout.itemsCount} items, ${payout.entriesCount.toLocaleString("en-US")} entries stamped, ${(payout.totalCents / 100).toFixed(2)} USD; steps: ${steps.join(", ")}; marked paid ${paidMs.toFixed(0)} ms; a second run refused in ${againMs.toFixed(0)} ms (${again})`);
console.log(
  `bench:payouts ${ok ? "ok" : "MISMATCH"} · payout for ${payout.itemsCount} creators over ${Number(counts!.entries).toLocaleString("en-US")} ledger entries in ${(runMs / 1000).toFixed(2)} s · floor (sum per creator, no stamping) ${(floorMs / 1000).toFixed(2)} s · ratio ${(runMs / floorMs).toFixed(1)}×`,
);
await sql.end();
await closeDb();
await database.drop();
if (!ok) process.exit(1);
