import { z } from "zod";
import { AppError } from "@/lib/errors";
import { foldText } from "@/lib/fold-text";
import type { CampaignDashboard, CreatorRow } from "./get-campaign-dashboard";

/**
 * The dashboard's per-creator table, one page at a time: sorted on any column, filtered by name,
 * handle or code, 50/100/500 rows a page — on the server, so the page and each refresh carry only
 * the rows shown (500 rows were ~0.5 MB of HTML), and the URL (`sort`, `dir`, `q`, `page`, `size`)
 * says which view it is. The whole table is computed for the tiles anyway (they are its sum), so
 * the page is cut from the sorted rows (≤ a few hundred), exactly, whatever the sort.
 */
export const CREATOR_SORT_KEYS = ["name", "code", "orders", "grossCents", "refundCents", "netCents", "netCommissionCents", "refundRate", "lastSaleAt"] as const;
export type CreatorSortKey = (typeof CREATOR_SORT_KEYS)[number];
export const CREATOR_PAGE_SIZES = [50, 100, 500] as const;
const TEXT_KEYS: ReadonlySet<CreatorSortKey> = new Set(["name", "code", "lastSaleAt"]);

export type CreatorTableQuery = { sort: CreatorSortKey; dir: "asc" | "desc"; q: string; page: number; size: number };
export type CreatorTableMeta = CreatorTableQuery & { total: number; matching: number; pages: number };

/** A new sort column starts with the most first for figures, A→Z for text. */
export const firstDirection = (key: CreatorSortKey): "asc" | "desc" => (TEXT_KEYS.has(key) ? "asc" : "desc");

export const DEFAULT_CREATOR_TABLE: CreatorTableQuery = { sort: "netCommissionCents", dir: "desc", q: "", page: 1, size: 50 };

const tableSchema = z.object({
  sort: z.enum(CREATOR_SORT_KEYS, { message: `sort must be one of ${CREATOR_SORT_KEYS.join(", ")}.` }).optional(),
  dir: z.enum(["asc", "desc"], { message: "dir must be asc or desc." }).optional(),
  q: z.string().max(100, { message: "q must be at most 100 characters." }).optional(),
  page: z.coerce.number({ message: "page must be a whole number from 1." }).int({ message: "page must be a whole number from 1." }).min(1, { message: "page must be a whole number from 1." }).max(100_000, { message: "page must be a whole number from 1." }).optional(),
  size: z.coerce.number().refine((n) => (CREATOR_PAGE_SIZES as readonly number[]).includes(n), { message: `size must be one of ${CREATOR_PAGE_SIZES.join(", ")}.` }).optional(),
});

type Input = { sort?: string | null; dir?: string | null; q?: string | null; page?: string | null; size?: string | null };

/** The table's view from the query string; a bad value is a 422 naming it (never a silent default). */
export function parseCreatorTableQuery(input: Input): CreatorTableQuery {
  const parsed = tableSchema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined && v !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "sort");
    throw new AppError("validation_failed", issue.message, { field, fields: { [field]: [issue.message] } });
  }
  const v = parsed.data;
  const sort = v.sort ?? DEFAULT_CREATOR_TABLE.sort;
  return { sort, dir: v.dir ?? (v.sort ? firstDirection(sort) : DEFAULT_CREATOR_TABLE.dir), q: v.q ?? "", page: v.page ?? 1, size: v.size ?? DEFAULT_CREATOR_TABLE.size };
}

/** The page's own part of a URL (`sort=orders&dir=asc&page=2`…): only what differs from the default view. */
export function creatorTableSearch(t: CreatorTableQuery): string {
  const p = new URLSearchParams();
  if (t.sort !== DEFAULT_CREATOR_TABLE.sort || t.dir !== DEFAULT_CREATOR_TABLE.dir) {
    p.set("sort", t.sort);
    p.set("dir", t.dir);
  }
  if (t.q.trim()) p.set("q", t.q.trim());
  if (t.page !== 1) p.set("page", String(t.page));
  if (t.size !== DEFAULT_CREATOR_TABLE.size) p.set("size", String(t.size));
  return p.toString();
}

function compare(a: CreatorRow, b: CreatorRow, key: CreatorSortKey): number {
  const av = a[key];
  const bv = b[key];
  if (av === bv) return 0;
  if (av === null) return 1; // empty values last, whichever the direction
  if (bv === null) return -1;
  if (typeof av === "number" && typeof bv === "number") return av - bv;
  return String(av).localeCompare(String(bv), "en", { sensitivity: "base" });
}

/** Rows matching `q` (case- and accent-insensitive, on name, handle and code), sorted, and the page asked for (the last one when past the end). */
export function creatorTablePage(rows: CreatorRow[], query: CreatorTableQuery): { rows: CreatorRow[]; meta: CreatorTableMeta } {
  const needle = foldText(query.q.trim());
  const matching = needle ? rows.filter((r) => [r.name, r.handle, r.code].some((v) => foldText(v).includes(needle))) : [...rows];
  const sign = query.dir === "asc" ? 1 : -1;
  matching.sort((a, b) => {
    const c = compare(a, b, query.sort);
    if (c !== 0) return a[query.sort] === null || b[query.sort] === null ? c : sign * c; // nulls stay last
    return a.name.localeCompare(b.name) || (a.creatorId < b.creatorId ? -1 : a.creatorId > b.creatorId ? 1 : 0);
  });
  const pages = Math.max(1, Math.ceil(matching.length / query.size));
  const page = Math.min(query.page, pages);
  return {
    rows: matching.slice((page - 1) * query.size, page * query.size),
    meta: { ...query, q: query.q.trim(), page, pages, total: rows.length, matching: matching.length },
  };
}

/** What the campaign page and its JSON carry: the dashboard with one page of its table. */
export type CampaignDashboardView = Omit<CampaignDashboard, "creators"> & { creators: CreatorRow[]; creatorTable: CreatorTableMeta };

export function campaignDashboardView(dashboard: CampaignDashboard, query: CreatorTableQuery): CampaignDashboardView {
  const { rows, meta } = creatorTablePage(dashboard.creators, query);
  return { ...dashboard, creators: rows, creatorTable: meta };
}
