import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

type Values = Record<string, string | string[] | undefined>;

const input =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 aria-[invalid=true]:border-red-400";
const label = "block text-sm font-medium text-slate-700";

/** The search form: a plain GET form, so every search is a shareable URL and works without JavaScript. */
export function DiscoverFilters({ slug, values, errors, niches }: { slug: string; values: Values; errors?: Record<string, string[]> | undefined; niches: string[] }) {
  const v = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const err = (name: string) => errors?.[name]?.join(" ");
  const field = (name: string, text: string, props: Record<string, string | number> = {}, className = "") => (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={`f-${name}`} className={label}>
        {text}
      </label>
      <input id={`f-${name}`} name={name} defaultValue={v(name)} className={input} aria-invalid={err(name) ? true : undefined} {...props} />
      {err(name) && <p className="text-sm text-red-600">{err(name)}</p>}
    </div>
  );
  return (
    <form method="get" action={`/brand/${slug}/discover`} role="search" aria-label="Search creators" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor="f-q" className={label}>
            Search
          </label>
          <input
            id="f-q"
            name="q"
            type="search"
            defaultValue={v("q")}
            placeholder="Handle, name, bio, niche, city… e.g. los angeles skincare"
            className={input}
          />
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary", "flex-1 sm:flex-none")}>
            Search
          </button>
          <Link href={`/brand/${slug}/discover`} className={buttonClass("ghost")}>
            Reset
          </Link>
        </div>
      </div>
      <fieldset className="grid grid-cols-2 gap-x-3 gap-y-4 lg:grid-cols-4">
        <legend className="sr-only">Filters</legend>
        {field("audience_location", "Audience in", { placeholder: "City, region or country" }, "col-span-2 lg:col-span-1")}
        <div className="col-span-2 grid grid-cols-2 gap-2 lg:col-span-1">
          <div className="space-y-1">
            <label htmlFor="f-audience_location_type" className={label}>
              Place type
            </label>
            <select id="f-audience_location_type" name="audience_location_type" defaultValue={v("audience_location_type")} className={input}>
              <option value="">Any</option>
              <option value="city">City</option>
              <option value="region">Region</option>
              <option value="country">Country</option>
            </select>
          </div>
          {field("audience_min_share", "Min. share %", { type: "number", min: 0, max: 100, step: "any", inputMode: "decimal", placeholder: "10" })}
        </div>
        {field("location", "Creator based in", { placeholder: "City, region or country" }, "col-span-2 lg:col-span-1")}
        <div className="space-y-1">
          <label htmlFor="f-niche" className={label}>
            Niche
          </label>
          <input id="f-niche" name="niche" list="discover-niches" defaultValue={v("niche")} placeholder="e.g. Beauty" className={input} />
          <datalist id="discover-niches">
            {niches.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </div>
        <div className="space-y-1">
          <label htmlFor="f-platform" className={label}>
            Platform
          </label>
          <select id="f-platform" name="platform" defaultValue={v("platform")} className={input} aria-invalid={err("platform") ? true : undefined}>
            <option value="">Any</option>
            <option value="instagram">Instagram</option>
            <option value="tiktok">TikTok</option>
            <option value="youtube">YouTube</option>
          </select>
        </div>
        <div className="col-span-2 grid grid-cols-2 gap-2 lg:col-span-1">
          {field("followers_min", "Followers", { type: "number", min: 0, inputMode: "numeric", placeholder: "10000" })}
          {field("followers_max", "to", { type: "number", min: 0, inputMode: "numeric", placeholder: "500000" })}
        </div>
        <div className="col-span-2 grid grid-cols-2 gap-2 lg:col-span-1">
          {field("engagement_min", "Engagement %", { type: "number", min: 0, max: 100, step: "any", inputMode: "decimal", placeholder: "2" })}
          {field("engagement_max", "to", { type: "number", min: 0, max: 100, step: "any", inputMode: "decimal" })}
        </div>
        <div className="space-y-1">
          <label htmlFor="f-sort" className={label}>
            Sort by
          </label>
          <select id="f-sort" name="sort" defaultValue={v("sort") || "relevance"} className={input}>
            <option value="relevance">Relevance</option>
            <option value="followers">Followers</option>
            <option value="engagement">Engagement</option>
          </select>
        </div>
      </fieldset>
    </form>
  );
}
