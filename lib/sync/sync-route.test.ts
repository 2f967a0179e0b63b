import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { createTestBrand } from "@/test/factories";

let signedIn: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => signedIn }));
const { GET } = await import("@/app/api/brand/[workspace]/sync/route");

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

const get = (slug: string) => GET(new NextRequest(`http://localhost/api/brand/${slug}/sync`), { params: Promise.resolve({ workspace: slug }) });

describe("GET /api/brand/[workspace]/sync", () => {
  it("lists the workspace's runs with progress and counts; another workspace's answers 404; no session 401", async () => {
    const brand = await createTestBrand(db);
    const other = await createTestBrand(db);
    await db.insert(syncRuns).values({
      workspaceId: brand.workspace.id,
      kind: "backfill",
      fromAt: new Date("2026-06-01T00:00:00Z"),
      toAt: new Date("2026-08-30T00:00:00Z"),
      counts: { ordersScanned: 250, conversionsAdded: 12, refundsApplied: 3 },
      progress: { done: 250, total: 1000 },
    });
    await db.insert(syncRuns).values({ workspaceId: other.workspace.id, kind: "reconcile", fromAt: new Date(), toAt: new Date() });

    signedIn = { id: brand.user.id, email: brand.email, name: "Owner", sessionId: null };
    const res = await get(brand.workspace.slug);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { runs: { kind: string; status: string; progress: unknown; counts: unknown; from: string }[]; active: boolean };
    expect(body.active).toBe(true);
    expect(body.runs).toEqual([
      expect.objectContaining({ kind: "backfill", status: "running", progress: { done: 250, total: 1000 }, counts: { ordersScanned: 250, conversionsAdded: 12, refundsApplied: 3 }, from: "2026-06-01T00:00:00.000Z" }),
    ]);

    expect((await get(other.workspace.slug)).status).toBe(404);
    signedIn = null;
    expect((await get(brand.workspace.slug)).status).toBe(401);
  });
});
