import type { DiscoveryAudience } from "@/db/schema/discovery";
import type { DiscoveryProfile } from "./discovery-profile";
import { prng } from "@/lib/prng";

/**
 * Deterministic generator of realistic creator profiles for the discovery database (seed, demo,
 * tests, benchmark). The same seed gives the same profiles, ids included.
 *
 * Distributions: followers log-normal (median ≈ 12k, long tail to tens of millions); engagement
 * falls as accounts grow (≈ 6 % for 2k followers, ≈ 2 % for 1M); one to three niches, Beauty /
 * Fashion / Lifestyle most common; platforms Instagram 50 %, TikTok 35 %, YouTube 15 %, a third on a
 * second platform; locations weighted towards the US, with accented and local spellings
 * ("Los Ángeles", "São Paulo", "Montréal", "Zürich") so that accent-insensitive matching matters.
 * The audience is concentrated in the creator's own country and city, spread over big cities.
 */
export type GeneratedProfile = DiscoveryProfile & { city: string; region: string; country: string; contactEmail: string };

export const NICHES = [
  "Beauty", "Skincare", "Fashion", "Lifestyle", "Fitness", "Wellness", "Food & Drink", "Travel", "Parenting", "Home & Décor",
  "Tech", "Gaming", "Pets", "Outdoors", "Music", "Comedy", "Finance", "Education", "Sustainability", "Crème de la crème Baking",
] as const;
const NICHE_WEIGHTS = [14, 9, 12, 11, 8, 6, 8, 6, 4, 4, 4, 4, 3, 3, 2, 2, 2, 2, 2, 1];

type Place = { city: string; region: string; country: string; weight: number };
/** Some places have two spellings in the data; both must match either spelling. */
export const PLACES: Place[] = [
  { city: "Los Angeles", region: "California", country: "United States", weight: 60 },
  { city: "Los Ángeles", region: "California", country: "United States", weight: 8 },
  { city: "New York", region: "New York", country: "United States", weight: 60 },
  { city: "Chicago", region: "Illinois", country: "United States", weight: 20 },
  { city: "Houston", region: "Texas", country: "United States", weight: 15 },
  { city: "Austin", region: "Texas", country: "United States", weight: 12 },
  { city: "Miami", region: "Florida", country: "United States", weight: 18 },
  { city: "San Francisco", region: "California", country: "United States", weight: 12 },
  { city: "Seattle", region: "Washington", country: "United States", weight: 9 },
  { city: "Atlanta", region: "Georgia", country: "United States", weight: 10 },
  { city: "Nashville", region: "Tennessee", country: "United States", weight: 6 },
  { city: "Denver", region: "Colorado", country: "United States", weight: 6 },
  { city: "San José", region: "California", country: "United States", weight: 4 },
  { city: "Toronto", region: "Ontario", country: "Canada", weight: 14 },
  { city: "Montréal", region: "Québec", country: "Canada", weight: 8 },
  { city: "Vancouver", region: "British Columbia", country: "Canada", weight: 7 },
  { city: "London", region: "England", country: "United Kingdom", weight: 25 },
  { city: "Manchester", region: "England", country: "United Kingdom", weight: 6 },
  { city: "Paris", region: "Île-de-France", country: "France", weight: 14 },
  { city: "Lyon", region: "Auvergne-Rhône-Alpes", country: "France", weight: 4 },
  { city: "Berlin", region: "Berlin", country: "Germany", weight: 10 },
  { city: "München", region: "Bayern", country: "Germany", weight: 6 },
  { city: "Düsseldorf", region: "Nordrhein-Westfalen", country: "Germany", weight: 3 },
  { city: "Zürich", region: "Zürich", country: "Switzerland", weight: 3 },
  { city: "Madrid", region: "Comunidad de Madrid", country: "España", weight: 9 },
  { city: "Málaga", region: "Andalucía", country: "España", weight: 3 },
  { city: "Barcelona", region: "Cataluña", country: "España", weight: 7 },
  { city: "Lisboa", region: "Lisboa", country: "Portugal", weight: 4 },
  { city: "Roma", region: "Lazio", country: "Italia", weight: 5 },
  { city: "Milano", region: "Lombardia", country: "Italia", weight: 6 },
  { city: "Amsterdam", region: "Noord-Holland", country: "Netherlands", weight: 5 },
  { city: "København", region: "Hovedstaden", country: "Denmark", weight: 2 },
  { city: "Stockholm", region: "Stockholm", country: "Sweden", weight: 3 },
  { city: "Kraków", region: "Małopolska", country: "Poland", weight: 3 },
  { city: "İstanbul", region: "İstanbul", country: "Türkiye", weight: 4 },
  { city: "São Paulo", region: "São Paulo", country: "Brasil", weight: 12 },
  { city: "Rio de Janeiro", region: "Rio de Janeiro", country: "Brasil", weight: 7 },
  { city: "Ciudad de México", region: "Ciudad de México", country: "México", weight: 12 },
  { city: "Guadalajara", region: "Jalisco", country: "México", weight: 4 },
  { city: "Bogotá", region: "Bogotá D.C.", country: "Colombia", weight: 5 },
  { city: "Medellín", region: "Antioquia", country: "Colombia", weight: 3 },
  { city: "Buenos Aires", region: "Buenos Aires", country: "Argentina", weight: 6 },
  { city: "Santiago", region: "Región Metropolitana", country: "Chile", weight: 3 },
  { city: "Lima", region: "Lima", country: "Perú", weight: 3 },
  { city: "Sydney", region: "New South Wales", country: "Australia", weight: 8 },
  { city: "Melbourne", region: "Victoria", country: "Australia", weight: 6 },
  { city: "Auckland", region: "Auckland", country: "New Zealand", weight: 2 },
  { city: "Mumbai", region: "Maharashtra", country: "India", weight: 8 },
  { city: "Delhi", region: "Delhi", country: "India", weight: 6 },
  { city: "Tokyo", region: "Tōkyō", country: "Japan", weight: 5 },
  { city: "Seoul", region: "Seoul", country: "South Korea", weight: 4 },
  { city: "Singapore", region: "Singapore", country: "Singapore", weight: 3 },
  { city: "Dubai", region: "Dubai", country: "United Arab Emirates", weight: 4 },
  { city: "Lagos", region: "Lagos", country: "Nigeria", weight: 4 },
  { city: "Cape Town", region: "Western Cape", country: "South Africa", weight: 3 },
];

const FIRST = ["Maria", "José", "Zoë", "Chloé", "Ana", "Lucía", "Sofia", "Emma", "Olivia", "Liam", "Noah", "Mateo", "Ava", "Mia", "Amélie", "Søren", "Łukasz", "François", "Inès", "Björn", "Renée", "Hana", "Aisha", "Kofi", "Priya", "Arjun", "Yuki", "Min-jun", "Camila", "Valentina", "Gabriel", "Léa", "Nora", "Ethan", "Isabella", "Jade", "Malik", "Elif", "Tomás", "Zara"];
const LAST = ["García", "Martínez", "Smith", "Johnson", "Brown", "Müller", "Dubois", "Rossi", "Silva", "Santos", "Nguyen", "Kim", "Tanaka", "Patel", "Okafor", "Kowalski", "Jensen", "Núñez", "López", "Hernández", "Lefèvre", "Schäfer", "O'Brien", "Williams", "Davis", "Moreau", "Costa", "Ferreira", "Yılmaz", "Andersson"];
const HANDLE_WORDS: Record<string, string[]> = {
  Beauty: ["glow", "beauty", "makeup", "lashes"], Skincare: ["skin", "glow", "dewy"], Fashion: ["style", "fits", "closet"],
  Lifestyle: ["life", "daily", "vibes"], Fitness: ["fit", "lifts", "moves"], Wellness: ["well", "calm", "balance"],
  "Food & Drink": ["eats", "kitchen", "cooks"], Travel: ["travels", "wander", "roams"], Parenting: ["mama", "papa", "family"],
  "Home & Décor": ["home", "nest", "decor"], Tech: ["tech", "gadgets", "bytes"], Gaming: ["plays", "gg", "games"],
  Pets: ["pets", "paws", "pup"], Outdoors: ["trails", "outdoors", "peaks"], Music: ["music", "beats", "tunes"],
  Comedy: ["lol", "jokes", "funny"], Finance: ["money", "invests", "budget"], Education: ["learns", "teaches", "study"],
  Sustainability: ["green", "eco", "zerowaste"], "Crème de la crème Baking": ["bakes", "creme", "pastry"],
};
const BIO_OPENERS = ["Sharing", "All about", "Your daily dose of", "Obsessed with", "Honest reviews of", "Everyday"];


type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function weighted<T>(items: readonly T[], weights: readonly number[]): (r: Rand) => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return (r) => {
    const x = r() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

const pickPlace = weighted(PLACES, PLACES.map((p) => p.weight));
const pickNiche = weighted(NICHES, NICHE_WEIGHTS);
const pickPlatform = weighted(["instagram", "tiktok", "youtube"] as const, [50, 35, 15]);

function normal(r: Rand): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

const ascii = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l").replace(/ø/g, "o").replace(/ı/g, "i").replace(/İ/g, "I");

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** An id in lib/ids.ts's format (time-sortable), with the random part from the seeded PRNG. */
function seededId(prefix: string, ms: number, r: Rand): string {
  let time = "";
  let n = ms;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[n % 32] + time;
    n = Math.floor(n / 32);
  }
  let rand = "";
  for (let i = 0; i < 16; i++) rand += ALPHABET[Math.floor(r() * 32)];
  return `${prefix}_${time}${rand}`;
}

/** Splits `total` basis points over `n` parts, largest first (a steep, realistic concentration). */
function shares(r: Rand, n: number, total: number): number[] {
  const raw = Array.from({ length: n }, (_, i) => (1 + r()) / (i + 1) ** 1.3);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => Math.max(10, Math.floor((x / sum) * total))).sort((a, b) => b - a);
}

function audienceFor(r: Rand, home: Place): DiscoveryAudience {
  const cities: Place[] = [home];
  while (cities.length < 3) {
    // Mostly the home country's big cities, sometimes anywhere.
    const p = pickPlace(r);
    if (cities.some((c) => c.city === p.city)) continue;
    if (p.country !== home.country && r() < 0.5) continue;
    cities.push(p);
  }
  const countries = [home.country];
  while (countries.length < 2) {
    const c = pickPlace(r).country;
    if (!countries.includes(c)) countries.push(c);
  }
  const regions: string[] = [];
  for (const c of cities) if (!regions.includes(c.region) && regions.length < 2) regions.push(c.region);
  const homeShare = 3500 + Math.floor(r() * 5000);
  const countryShares = [homeShare, Math.floor(r() * (10000 - homeShare) * 0.6)];
  const cityShares = shares(r, cities.length, Math.floor(homeShare * (0.3 + r() * 0.4)));
  const regionShares = shares(r, regions.length, Math.floor(homeShare * (0.5 + r() * 0.3)));
  const age = shares(r, 5, 10000);
  const ageOrder = [2, 1, 3, 0, 4]; // 18-24 and 25-34 usually lead
  const ageKeys = ["13-17", "18-24", "25-34", "35-44", "45+"] as const;
  const female = 2000 + Math.floor(r() * 6500);
  const other = Math.floor(r() * 300);
  return {
    locations: [
      ...cities.map((c, i) => ({ kind: "city" as const, name: c.city, share_bps: cityShares[i]! })),
      ...regions.map((name, i) => ({ kind: "region" as const, name, share_bps: regionShares[i]! })),
      ...countries.map((name, i) => ({ kind: "country" as const, name, share_bps: countryShares[i]! })),
    ],
    age: Object.fromEntries(ageKeys.map((k, i) => [k, age[ageOrder.indexOf(i)]!])) as DiscoveryAudience["age"],
    gender: { female, male: 10000 - female - other, other },
  };
}

/** Profile number `index` of the data set `seed`: each profile depends only on (seed, index). */
export function generateProfile(seed: number, index: number): GeneratedProfile {
  const r = prng((seed * 2654435761 + index * 40503) >>> 0 ^ index);
  r();
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  const nicheCount = 1 + Math.floor(r() * r() * 3);
  const niches: string[] = [];
  while (niches.length < nicheCount) {
    const n = pickNiche(r);
    if (!niches.includes(n)) niches.push(n);
  }
  const home = pickPlace(r);
  const platforms: GeneratedProfile["platforms"] = [pickPlatform(r)];
  if (r() < 0.33) {
    const second = pickPlatform(r);
    if (!platforms.includes(second)) platforms.push(second);
  }
  const followers = Math.min(80_000_000, Math.max(1_000, Math.round(Math.exp(Math.log(12_000) + 1.5 * normal(r)))));
  const engagementPct = Math.min(25, Math.max(0.2, 9.5 - 1.25 * Math.log10(followers) + 1.2 * normal(r)));
  const word = pick(r, HANDLE_WORDS[niches[0]!] ?? ["creates"]);
  const style = Math.floor(r() * 4);
  const base = ascii(first).toLowerCase().replace(/[^a-z0-9]/g, "");
  const surname = ascii(last).toLowerCase().replace(/[^a-z0-9]/g, "");
  const handle =
    style === 0 ? `${base}.${surname}` : style === 1 ? `${word}with${base}` : style === 2 ? `${base}${word}` : `${base}_${surname}`;
  const uniqueHandle = `${handle}${index.toString(36)}`;
  const bio = `${pick(r, BIO_OPENERS)} ${niches.map((n) => n.toLowerCase()).join(", ")}. Based in ${home.city}, ${home.country}. Collabs: DM or email.`;
  return {
    id: seededId("dcp", Date.UTC(2026, 0, 1) + index, r),
    platforms,
    handle: uniqueHandle,
    displayName: `${first} ${last}`,
    bio,
    niches,
    followers,
    engagementRateBps: Math.round(engagementPct * 100),
    city: home.city,
    region: home.region,
    country: home.country,
    audience: audienceFor(r, home),
    contactEmail: `${uniqueHandle.replace(/[._]/g, "")}@creators.example`,
  };
}

export function* generateProfiles(seed: number, count: number, start = 0): Generator<GeneratedProfile> {
  for (let i = start; i < start + count; i++) yield generateProfile(seed, i);
}
