import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { conversions } from "@/db/schema";
import { appendLedgerEntry } from "@/lib/ledger/append-ledger-entry";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import { readDashboardVersion, signVersionToken, verifyVersionToken, versionWatch } from "./dashboard-version";

let db: Db;
const scopes: { workspaceId: string; campaignId: string }[] = [];

beforeAll(async () => {
  db = await getDb();
  const client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 1 });
  try {
    for (let i = 0; i < 3; i++) {
      const brand = await createTestBrand(db); // one connected store per workspace
      const { campaignId } = await seedCampaign(client, { workspaceId: brand.workspace.id, prefix: `ver${uniq()}`, creators: 3, orders: 20, days: 5, trigger: true });
      scopes.push({ workspaceId: brand.workspace.id, campaignId });
    }
  } finally {
    await client.end();
  }
}, 120_000);

describe("dashboard version", () => {
  it("moves when a ledger entry changes the campaign's figures, and only that campaign's", async () => {
    const [a, b] = scopes;
    const before = [await readDashboardVersion(db, a!), await readDashboardVersion(db, b!)];
    expect(Number(before[0])).toBeGreaterThan(0);
    const [conversion] = await db.select().from(conversions).where(and(eq(conversions.workspaceId, a!.workspaceId), eq(conversions.campaignId, a!.campaignId))).limit(1);
    await db.transaction((tx) => appendLedgerEntry(tx, conversion!, { kind: "edit", causeKey: `test:version:${uniq()}`, amountCents: 100, commissionCents: 15, occurredAt: new Date() }));
    const after = [await readDashboardVersion(db, a!), await readDashboardVersion(db, b!)];
    expect(BigInt(after[0]!)).toBeGreaterThan(BigInt(before[0]!));
    expect(after[1]).toBe(before[1]);
  });

  it("many polls of many campaigns at once cost one read", async () => {
    const watch = versionWatch();
    const reads = watch.reads;
    const versions = await Promise.all(Array.from({ length: 60 }, (_, i) => watch.get(db, scopes[i % scopes.length]!)));
    expect(watch.reads - reads).toBeLessThanOrEqual(2);
    for (let i = 0; i < scopes.length; i++) expect(versions[i]).toBe(await readDashboardVersion(db, scopes[i]!));
    // Asked again at once: answered from the watch, no read.
    const again = watch.reads;
    await Promise.all(scopes.map((s) => watch.get(db, s)));
    expect(watch.reads).toBe(again);
  });

  it("a poll token holds only for its workspace, slug and campaign, until it expires", () => {
    const scope = { slug: "acme", workspaceId: "ws_1", campaignId: "cmp_1" };
    const now = Date.now();
    const token = signVersionToken(scope, now, "a-secret-of-enough-length");
    expect(verifyVersionToken(token, { slug: "acme", campaignId: "cmp_1" }, now, "a-secret-of-enough-length")).toBe("ws_1");
    expect(verifyVersionToken(token, { slug: "acme", campaignId: "cmp_2" }, now, "a-secret-of-enough-length")).toBeNull();
    expect(verifyVersionToken(token, { slug: "other", campaignId: "cmp_1" }, now, "a-secret-of-enough-length")).toBeNull();
    expect(verifyVersionToken(token, { slug: "acme", campaignId: "cmp_1" }, now, "another-secret-of-length")).toBeNull();
    expect(verifyVersionToken(token.replace("ws_1", "ws_2"), { slug: "acme", campaignId: "cmp_1" }, now, "a-secret-of-enough-length")).toBeNull();
    expect(verifyVersionToken(token, { slug: "acme", campaignId: "cmp_1" }, now + 25 * 3_600_000, "a-secret-of-enough-length")).toBeNull();
    expect(verifyVersionToken(null, { slug: "acme", campaignId: "cmp_1" })).toBeNull();
    expect(verifyVersionToken("garbage", { slug: "acme", campaignId: "cmp_1" })).toBeNull();
  });
});
