import type { Metadata } from "next";
import Link from "next/link";
import { DiscoverResults } from "@/components/discovery/discover-results";
import type { DiscoverCard } from "@/components/discovery/discovery-card";
import { DiscoverFilters } from "@/components/discovery/discover-filters";
import { buttonClass } from "@/components/ui/button";
import { Alert, EmptyState, PageHeader } from "@/components/ui/card";
import { AppError } from "@/lib/errors";
import { requireBrand } from "@/lib/auth/guards";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import { listCampaigns } from "@/lib/campaigns/get-campaign";
import { NICHES } from "@/lib/discovery/generate-profiles";
import { PLAN_LABEL } from "@/lib/discovery/plans";
import { getUnlockQuota } from "@/lib/discovery/get-unlock-quota";
import type { DiscoveryCreator } from "@/lib/discovery/discovery-creator";
import { searchDiscoveryCreators } from "@/lib/discovery/search-creators";
import { parseDiscoverySearch, queryWords, SEARCH_PARAM_NAMES, type TDiscoverySearch } from "@/lib/discovery/search-filters";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";

export const metadata: Metadata = { title: "Discover creators" };

const PAGE_SIZE = 24;
type SearchParams = Record<string, string | string[] | undefined>;

function toCard(c: DiscoveryCreator): DiscoverCard {
  return { ...c, unlockedAt: c.unlockedAt ? c.unlockedAt.toISOString() : null };
}

function pageHref(slug: string, sp: SearchParams, extra: Record<string, string>) {
  const q = new URLSearchParams();
  for (const name of SEARCH_PARAM_NAMES) {
    const v = sp[name];
    if (typeof v === "string" && v !== "") q.set(name, v);
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/brand/${slug}/discover?${q.toString()}`;
}

export default async function DiscoverPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<SearchParams> }) {
  const { workspace: slug } = await params;
  const sp = await searchParams;
  const { db, access } = await requireBrand(slug);

  let filters: TDiscoverySearch = parseDiscoverySearch({});
  let problem: { message: string; fields?: Record<string, string[]> } | null = null;
  try {
    filters = parseDiscoverySearch(sp);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problem = { message: error.message, fields: error.details?.fields as Record<string, string[]> | undefined };
  }
  const cursor = typeof sp.cursor === "string" && sp.cursor ? sp.cursor : undefined;
  const pageNumber = Math.max(1, Number(typeof sp.page === "string" ? sp.page : 1) || 1);
  let result: Awaited<ReturnType<typeof searchDiscoveryCreators>> = { creators: [], nextCursor: null };
  if (!problem) {
    try {
      result = await searchDiscoveryCreators(db, { workspaceId: access.workspace.id, filters, limit: PAGE_SIZE, cursor });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "bad_request") throw error;
      problem = { message: `${error.message} Go back to the first page.` };
    }
  }
  const quota = await getUnlockQuota(db, { workspaceId: access.workspace.id, now: new Date() });
  const canAddToCampaign = roleAtLeast(access.role, "admin");
  const campaigns = canAddToCampaign
    ? (await listCampaigns(db, access.workspace.id)).filter((c) => campaignStatus(c) !== "ended").map((c) => ({ id: c.id, name: c.name }))
    : [];
  const first = (pageNumber - 1) * PAGE_SIZE + 1;

  return (
    <>
      <PageHeader
        title="Discover creators"
        description={
          <>
            Search every creator profile by what they post and where their audience is. Unlock a creator&apos;s email to contact them —
            your {PLAN_LABEL[quota.plan]} plan includes {quota.allowance} unlocks a month; unlocking the same creator again is free.
          </>
        }
      />
      <div className="space-y-6">
        <DiscoverFilters slug={slug} values={sp} errors={problem?.fields} niches={[...NICHES]} />
        {problem ? (
          <Alert>{problem.message}</Alert>
        ) : result.creators.length === 0 ? (
          <EmptyState
            title={pageNumber > 1 ? "No more creators" : "No creators match"}
            action={
              <Link href={`/brand/${slug}/discover`} className={buttonClass("secondary")}>
                Clear all filters
              </Link>
            }
          >
            Try fewer words, a lower minimum audience share, or a wider follower range. Matching ignores case and accents.
          </EmptyState>
        ) : (
          <section aria-label="Results" className="space-y-4">
            <p className="text-sm text-slate-500" data-testid="result-range">
              Creators {first.toLocaleString("en-US")}–{(first + result.creators.length - 1).toLocaleString("en-US")}
              {filters.sort === "relevance" && filters.q ? ": names matching your words first, then creators based in the place they name, then other matches, each by followers" : filters.sort === "engagement" ? ", highest engagement first" : ", most followed first"}
            </p>
            <DiscoverResults
              slug={slug}
              creators={result.creators.map(toCard)}
              campaigns={campaigns}
              canAddToCampaign={canAddToCampaign}
              audiencePlace={filters.audience_location ? { name: filters.audience_location, kind: filters.audience_location_type } : undefined}
              words={queryWords(filters.q)}
            />
            <nav aria-label="Pages" className="flex items-center justify-between gap-3">
              {pageNumber > 1 ? (
                <Link href={pageHref(slug, sp, {})} className={buttonClass("secondary")}>
                  ← First page
                </Link>
              ) : (
                <span />
              )}
              <span className="text-sm text-slate-500">Page {pageNumber}</span>
              {result.nextCursor ? (
                <Link href={pageHref(slug, sp, { cursor: result.nextCursor, page: String(pageNumber + 1) })} className={buttonClass("secondary")}>
                  Next page →
                </Link>
              ) : (
                <span />
              )}
            </nav>
          </section>
        )}
      </div>
    </>
  );
}
