import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { campaignDashboardView, creatorTablePage, creatorTableSearch, DEFAULT_CREATOR_TABLE, parseCreatorTableQuery } from "./creator-table";
import type { CampaignDashboard, CreatorRow } from "./get-campaign-dashboard";

const row = (i: number, over: Partial<CreatorRow> = {}): CreatorRow => ({
  creatorId: `cre_${String(i).padStart(3, "0")}`,
  name: `Creator ${i}`,
  handle: `handle${i}`,
  code: `CODE-${i}`,
  onRoster: true,
  orders: i % 7,
  grossCents: i * 100,
  refundCents: 0,
  netCents: i * 100,
  commissionCents: i * 15,
  reversedCommissionCents: 0,
  netCommissionCents: i * 15,
  refundRate: i % 3 === 0 ? null : (i % 5) / 10,
  lastSaleAt: null,
  awaitingPayment: { orders: 0, amountCents: 0, commissionCents: 0 },
  ...over,
});
const rows = Array.from({ length: 120 }, (_, i) => row(i + 1));

describe("creator table pages", () => {
  it("cuts the page from the whole sorted roster, with counts", () => {
    const first = creatorTablePage(rows, { ...DEFAULT_CREATOR_TABLE, sort: "orders", dir: "desc" });
    expect(first.rows).toHaveLength(50);
    expect(first.meta).toMatchObject({ total: 120, matching: 120, page: 1, pages: 3 });
    const last = creatorTablePage(rows, { ...DEFAULT_CREATOR_TABLE, sort: "orders", dir: "desc", page: 3 });
    expect(last.rows).toHaveLength(20);
    // Every row of page 1 sorts at or above every row of page 3.
    expect(Math.min(...first.rows.map((r) => r.orders))).toBeGreaterThanOrEqual(Math.max(...last.rows.map((r) => r.orders)));
    // Ties break by name then id: the three pages hold every creator once.
    const all = [1, 2, 3].flatMap((page) => creatorTablePage(rows, { ...DEFAULT_CREATOR_TABLE, sort: "orders", dir: "desc", page }).rows.map((r) => r.creatorId));
    expect(new Set(all).size).toBe(120);
  });

  it("keeps empty values last in both directions, and a page past the end is the last one", () => {
    for (const dir of ["asc", "desc"] as const) {
      const page = creatorTablePage(rows, { ...DEFAULT_CREATOR_TABLE, sort: "refundRate", dir, size: 500 });
      expect(page.rows.at(-1)!.refundRate).toBeNull();
      expect(page.rows[0]!.refundRate).not.toBeNull();
    }
    expect(creatorTablePage(rows, { ...DEFAULT_CREATOR_TABLE, page: 99 }).meta.page).toBe(3);
  });

  it("filters on name, handle and code, ignoring case and accents", () => {
    const withAccent = [...rows, row(500, { name: "Zoë Müller", handle: null, code: null })];
    expect(creatorTablePage(withAccent, { ...DEFAULT_CREATOR_TABLE, q: "zoe muller" }).rows.map((r) => r.creatorId)).toEqual(["cre_500"]);
    expect(creatorTablePage(rows, { ...DEFAULT_CREATOR_TABLE, q: "code-11" }).meta).toMatchObject({ matching: 11, total: 120 }); // 11 and 110–119
    expect(creatorTablePage(rows, { ...DEFAULT_CREATOR_TABLE, q: "nobody" }).meta).toMatchObject({ matching: 0, page: 1, pages: 1 });
  });

  it("reads its view from the URL and writes only what differs from the default", () => {
    expect(parseCreatorTableQuery({})).toEqual(DEFAULT_CREATOR_TABLE);
    const view = parseCreatorTableQuery({ sort: "name", page: "2", size: "100", q: " ava " });
    expect(view).toEqual({ sort: "name", dir: "asc", q: " ava ", page: 2, size: 100 });
    expect(creatorTableSearch(view)).toBe("sort=name&dir=asc&q=ava&page=2&size=100");
    expect(creatorTableSearch(DEFAULT_CREATOR_TABLE)).toBe("");
    expect(parseCreatorTableQuery({ sort: "name", dir: "desc" }).dir).toBe("desc");
  });

  it("refuses a bad view with a 422 naming the field", () => {
    for (const [input, field] of [
      [{ sort: "email" }, "sort"],
      [{ dir: "up" }, "dir"],
      [{ page: "0" }, "page"],
      [{ page: "two" }, "page"],
      [{ size: "70" }, "size"],
      [{ q: "x".repeat(101) }, "q"],
    ] as const) {
      const error = (() => {
        try {
          parseCreatorTableQuery(input);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation_failed");
      expect((error as AppError).details).toMatchObject({ field });
    }
  });

  it("the view carries one page and the tiles of all", () => {
    const dashboard = { creators: rows, tiles: { orders: 1 } } as unknown as CampaignDashboard;
    const view = campaignDashboardView(dashboard, DEFAULT_CREATOR_TABLE);
    expect(view.creators).toHaveLength(50);
    expect(view.creatorTable.total).toBe(120);
    expect(view.tiles).toBe(dashboard.tiles);
  });
});
